// `npm run docs:org-config`: runs the how-to of docs/org-config-howto.md against local
// stand-ins of the API and writes each command's real output into the doc, between its
// `<!-- howto:NAME -->` marker and the end of the code block after it.
// test/node/org-config-howto.test.js checks that the doc still shows what they print.
import { readFileSync, writeFileSync } from 'node:fs';
import { renderBlocks, replaceBlocks } from '../test/node/org-config-howto-doc.js';
import { runHowto } from '../test/node/org-config-howto.js';

const DOC = new URL('../docs/org-config-howto.md', import.meta.url);
const blocks = renderBlocks(await runHowto());
const before = readFileSync(DOC, 'utf8');
const after = replaceBlocks(before, blocks);
writeFileSync(DOC, after);
console.log(`docs/org-config-howto.md: ${blocks.size} outputs ${before === after ? 'unchanged' : 'rewritten'}`);
