/**
 * The JSON Schema of a configuration, from the zod schema (zod 4's `toJSONSchema`), for
 * editors: a `"$schema"` key pointing at it gives completion, hover help and checks in
 * VS Code and JetBrains IDEs. It checks what `validate` checks, except the few checks
 * JSON Schema cannot express (`CHECKS_BEYOND_JSON_SCHEMA`), which it lets pass.
 */
import * as z from 'zod/mini';
import { CHECKS_BEYOND_JSON_SCHEMA, descriptions, orgConfigPartialSchema, orgConfigSchema } from './schema.js';

export interface JsonSchemaOptions {
  /** A part of a configuration (an overlay): no field required. */
  readonly partial?: boolean;
}

/** The JSON Schema (draft 2020-12) of a whole configuration, or of a part of one. */
export function orgConfigJsonSchema({ partial = false }: JsonSchemaOptions = {}): Record<string, unknown> {
  const generated = z.toJSONSchema(partial ? orgConfigPartialSchema : orgConfigSchema, {
    target: 'draft-2020-12',
    io: 'input',
    metadata: descriptions,
    // A refinement (an SLA range, a known zone) has no JSON Schema form: it is left out.
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  const properties = generated.properties as Record<string, unknown>;
  return {
    $schema: generated.$schema,
    title: partial ? 'Closer organisation configuration (a part: overlay)' : 'Closer organisation configuration',
    description: `Closer's org configuration (GET/PUT /api/orgs/{orgId}/config), as closer-chat/org-config validates it. Not checked here: ${CHECKS_BEYOND_JSON_SCHEMA.join('; ')}.`,
    ...generated,
    properties: { $schema: { type: 'string', description: 'The JSON Schema for editors; never sent.' }, ...properties },
  };
}
