// `npm run size`: min+gzip bytes of what users download, checked against the budgets
// in package.json ("sizeBudgets"). Size is deterministic, so CI fails over budget.
//  - esm: the element's own code as a bundler would ship it (lit and zod external),
//    bundled into one module and minified the way an app build would.
//  - bundle: dist/closer-chat.bundle.js, the self-contained file for a CMS page.
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { rollup } from 'rollup';
import { minify } from 'terser';

const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));
const budgets = pkg.sizeBudgets;

const gzipBytes = (code) => gzipSync(code, { level: 9 }).length;

async function esmElementCode() {
  const build = await rollup({
    input: 'dist/index.js',
    external: (id) => /^(lit|zod)(\/|$)/.test(id) || id.startsWith('@lit/'),
  });
  const { output } = await build.generate({ format: 'es' });
  await build.close();
  const { code } = await minify(output[0].code, { module: true, ecma: 2022 });
  return code;
}

const measured = {
  esm: gzipBytes(await esmElementCode()),
  bundle: gzipBytes(await readFile('dist/closer-chat.bundle.js')),
};

let over = 0;
for (const [name, bytes] of Object.entries(measured)) {
  const budget = budgets[name];
  const verdict = bytes <= budget ? 'ok' : 'OVER BUDGET';
  if (bytes > budget) over++;
  console.log(`${name.padEnd(7)} ${String(bytes).padStart(6)} B min+gzip   budget ${budget} B   ${verdict}`);
}
if (over) {
  console.error(`size: ${over} build(s) over budget (see "sizeBudgets" in package.json)`);
  process.exit(1);
}
