/**
 * What each kind of input must hold, as zod schemas: what explains a refused input.
 * Validation itself is each kind's plain check (attributes.ts), so a valid page never
 * loads zod; config-issues.ts, loaded only for a refused input, asks these schemas what
 * is wrong, and a test holds each schema and check to the same verdict. A kind's schema
 * is built the first time it is asked for.
 */
import * as z from 'zod/mini';
import { CONSENT_STATES, KINDS, LOADING_STRATEGIES, UUID_PATTERN, type Kind, type KindValues } from './attributes.js';

const uuid = () => z.string().check(z.regex(UUID_PATTERN));
const flag = () => z.boolean();

const BUILDERS: { [K in Kind]: () => z.ZodMiniType<KindValues[K]> } = {
  text: () => z.string(),
  flag,
  optionalFlag: flag,
  uuid,
  optionalUuid: uuid,
  strategy: () => z.literal([...LOADING_STRATEGIES]),
  widgetUrl: () => z.string().check(z.refine(KINDS.widgetUrl.accepts)),
  consent: () => z.literal([...CONSENT_STATES]),
  consentSource: () => z.custom<KindValues['consentSource']>(KINDS.consentSource.accepts),
  milliseconds: () => z.number().check(z.nonnegative()),
  loginHint: () => z.custom<KindValues['loginHint']>(KINDS.loginHint.accepts),
  identity: () => z.custom<KindValues['identity']>(KINDS.identity.accepts),
  extraOptions: () => z.custom<KindValues['extraOptions']>(KINDS.extraOptions.accepts),
};

const built = new Map<Kind, z.ZodMiniType>();

/** The schema of one kind of input; `undefined` passes where the kind is optional. */
export function schemaOf(kind: Kind): z.ZodMiniType {
  let schema = built.get(kind);
  if (!schema) {
    const required = BUILDERS[kind]();
    schema = 'optional' in KINDS[kind] ? z.optional(required) : required;
    built.set(kind, schema);
  }
  return schema;
}
