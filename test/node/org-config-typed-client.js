// The fields of `OrgConfig` in Closer's typed client (@closerplatform/spinner-openapi,
// a devDependency), read from its declarations with the TypeScript compiler, so that no
// test or doc has to write down how many there are.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import ts from 'typescript';

const require = createRequire(import.meta.url);

/** `[{ name, required, type }]` in the interface's order. */
export function typedClientFields(name = 'OrgConfig') {
  const path = require.resolve('@closerplatform/spinner-openapi/dist/api.d.ts');
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
  const found = source.statements.find((s) => ts.isInterfaceDeclaration(s) && s.name.text === name);
  if (!found) throw new Error(`no interface ${name} in ${path}`);
  return found.members.map((member) => ({
    name: member.name.getText(source),
    required: !member.questionToken,
    type: member.type.getText(source),
  }));
}
