// docs/org-config-howto.md shows real output: every command of the how-to is run again
// here, against local stand-ins of the API, and must print what the doc shows (times
// and ports aside). `npm run docs:org-config` rewrites the doc when the output changes.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { blocksOf, renderBlocks } from './org-config-howto-doc.js';
import { runHowto, withoutTimes } from './org-config-howto.js';

test('the how-to’s commands still print what docs/org-config-howto.md shows', { timeout: 120_000 }, async () => {
  const doc = blocksOf(readFileSync(new URL('../../docs/org-config-howto.md', import.meta.url), 'utf8'));
  const ran = renderBlocks(await runHowto({ ports: { stage: 0, prod: 0 } }));
  assert.deepEqual([...doc.keys()], [...ran.keys()], 'one block in the doc per command, in order');
  for (const [name, text] of ran) {
    assert.equal(withoutTimes(doc.get(name)), withoutTimes(text), `the "${name}" block (npm run docs:org-config)`);
  }
});
