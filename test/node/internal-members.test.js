// The package's own members (a name ending in an underscore, docs/development.md) are
// renamed to short names in every build: none reaches dist/ at full length, where each
// would cost every visitor its bytes (and a page could come to rely on it).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseAst } from 'rollup/parseAst';

const INTERNAL_MEMBER = /^[a-z][A-Za-z0-9]+_$/;

/** Member names that end in an underscore, as code (not in comments or strings). */
function internalMembersIn(code) {
  const found = new Set();
  const visit = (node) => {
    const key = node.type === 'MemberExpression' ? node.property : node.key;
    if (key?.type === 'Identifier' && !node.computed && INTERNAL_MEMBER.test(key.name)) found.add(key.name);
    for (const child of Object.values(node).flat()) if (child && typeof child.type === 'string') visit(child);
  };
  visit(parseAst(code));
  return found;
}

const jsFiles = (dir) =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.js'))
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name));

test('the source uses internal members (so the check below has something to find)', () => {
  const lease = readFileSync(new URL('../../src/widget/lease.ts', import.meta.url), 'utf8');
  assert.match(lease, /\bstart_\(/);
});

test('no built file names an internal member at full length', () => {
  const dist = new URL('../../dist/', import.meta.url).pathname;
  const leaks = jsFiles(dist).flatMap((file) =>
    [...internalMembersIn(readFileSync(file, 'utf8'))].map((name) => `${file.slice(dist.length)}: ${name}`),
  );
  assert.deepEqual(leaks, []);
});

test("the ESM build renames them the same in every module: the lease's calls reach the widget's methods", () => {
  const dist = new URL('../../dist/widget/', import.meta.url);
  const lease = readFileSync(new URL('lease.js', dist), 'utf8');
  const widget = readFileSync(new URL('live-widget.js', dist), 'utf8');
  const calledOnWidget = [...lease.matchAll(/this\.#widget\.(\$\d+)\(/g)].map((match) => match[1]);
  assert.ok(calledOnWidget.length >= 4, `the lease calls the widget by short names: ${calledOnWidget}`);
  for (const name of calledOnWidget) assert.match(widget, new RegExp(`\\n\\s*(async )?\\${name}\\(`), name);
});
