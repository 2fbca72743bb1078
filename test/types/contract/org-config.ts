// The schema's type and Closer's own contract, held together both ways: `OrgConfig` of
// the typed client (@closerplatform/spinner-openapi, a devDependency) and the type our
// zod schema infers, minus what the docs add (fields the client lacks, legacy names)
// and the index signature that keeps unknown fields. A client version that adds,
// removes, renames, retypes or un-requires a field fails `npm run test:types` here
// (compiled by ../org-config-contract.js: the published client lacks a file it references).
import type { OrgConfig as ClientOrgConfig } from '@closerplatform/spinner-openapi';
import type { DocsOnlyField, LegacyField, OrgConfig } from 'closer-chat/org-config';

/**
 * A type as it is on the wire, at every level: the client's enums (`CallPopoutMode.Window`)
 * as their strings, and without the `[key: string]: unknown` by which our objects keep
 * fields the schema does not know.
 */
type Wire<T> = T extends string
  ? `${T}`
  : T extends readonly (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T as string extends K ? never : K]: Wire<T[K]> }
      : T;
type KnownOnly<T> = { [K in keyof T as string extends K ? never : K]: T[K] };

type Ours = Wire<Omit<KnownOnly<OrgConfig>, DocsOnlyField | LegacyField>>;
type Theirs = Wire<ClientOrgConfig>;

/** True only when A and B are the same type, optional modifiers included. */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const contract: Equal<Ours, Theirs> = true;

// The same, one direction at a time, for a readable error when it breaks:
declare const ours: Ours;
declare const theirs: Theirs;
const toClient: Theirs = ours;
const fromClient: Ours = theirs;
// Required is required on both sides.
type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];
const required: Equal<RequiredKeys<Ours>, RequiredKeys<Theirs>> = true;

// The docs' additions stay optional: never required by us where the client does not know them.
const docsOnly: Equal<RequiredKeys<Pick<KnownOnly<OrgConfig>, DocsOnlyField | LegacyField>>, never> = true;

void [contract, toClient, fromClient, required, docsOnly];
