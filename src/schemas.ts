/**
 * What each kind of input must hold, as zod schemas: the validator of the element's
 * inputs. options.ts checks every config with them; config-issues.ts asks them again to
 * explain a failure. A kind's schema is built the first time an input of that kind is
 * checked, so nothing is built at import and a page pays only for the kinds it sets.
 */
import * as z from 'zod/mini';
import {
  CONSENT_STATES,
  isAllowedWidgetUrl,
  isPlainObject,
  KINDS,
  LOADING_STRATEGIES,
  OFFICIAL_WIDGET_URL,
  UUID_PATTERN,
  type Kind,
  type KindValues,
} from './attributes.js';

const uuid = () => z.string().check(z.regex(UUID_PATTERN));
const flag = () => z.boolean();

const BUILDERS: { [K in Kind]: () => z.ZodMiniType<KindValues[K]> } = {
  text: () => z.string(),
  flag,
  optionalFlag: flag,
  uuid,
  optionalUuid: uuid,
  strategy: () => z.literal([...LOADING_STRATEGIES]),
  // Which origins may serve the widget is ours to say; the official URL needs no parsing.
  widgetUrl: () => z.string().check(z.refine((url) => url === OFFICIAL_WIDGET_URL || isAllowedWidgetUrl(url))),
  consent: () => z.literal([...CONSENT_STATES]),
  milliseconds: () => z.number().check(z.nonnegative()),
  loginHint: () => z.custom<KindValues['loginHint']>((value) => typeof value === 'function'),
  identity: () => z.custom<KindValues['identity']>(isPlainObject),
  extraOptions: () => z.custom<KindValues['extraOptions']>(isPlainObject),
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
