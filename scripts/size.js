// `npm run size`: min+gzip bytes of what users download, checked against the budgets
// in package.json ("sizeBudgets"). Size is deterministic, so CI fails over budget.
//  - esm: the element's own code as a bundler would ship it (lit and zod external),
//    bundled into one module and minified the way an app build would.
//  - bundle: dist/closer-chat.bundle.js, the self-contained file for a CMS page.
// `npm run size -- --modules` also lists each module's share (below).
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import nodeResolve from '@rollup/plugin-node-resolve';
import { rollup } from 'rollup';
import { minify } from 'terser';

const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));
const budgets = pkg.sizeBudgets;

const gzipBytes = (code) => gzipSync(code, { level: 9 }).length;
const minified = async (code) => (await minify(code, { module: true, ecma: 2022 })).code;
const isLitOrZod = (id) => /^(lit|zod)(\/|$)/.test(id) || id.startsWith('@lit/');

/** Rollup's chunks from dist/index.js: lit and zod external (an app's build) or inside (the bundle). */
async function chunks({ external, preserveModules = false }) {
  const build = await rollup({
    input: 'dist/index.js',
    external: external ? isLitOrZod : undefined,
    plugins: external ? [] : [nodeResolve({ exportConditions: ['production'] })],
    onwarn: () => {},
  });
  const { output } = await build.generate({ format: 'es', preserveModules });
  await build.close();
  return output.filter((chunk) => chunk.type === 'chunk');
}

const measured = {
  esm: gzipBytes(await minified((await chunks({ external: true }))[0].code)),
  bundle: gzipBytes(await readFile('dist/closer-chat.bundle.js')),
};

let over = 0;
for (const [name, bytes] of Object.entries(measured)) {
  const budget = budgets[name];
  const verdict = bytes <= budget ? 'ok' : 'OVER BUDGET';
  if (bytes > budget) over++;
  console.log(`${name.padEnd(7)} ${String(bytes).padStart(6)} B min+gzip   budget ${budget} B   ${verdict}`);
}

/**
 * Each module of the bundle's graph minified and gzipped on its own, after tree-shaking.
 * Gzip works across a whole file, so the parts add up to more than the whole: a guide
 * to where the bytes are, not an exact split.
 */
if (process.argv.includes('--modules')) {
  const rows = [];
  for (const chunk of await chunks({ external: false, preserveModules: true })) {
    const code = await minified(chunk.code);
    rows.push({ name: chunk.fileName.replace(/^.*node_modules\//, ''), min: code.length, gzip: gzipBytes(code) });
  }
  rows.sort((a, b) => b.gzip - a.gzip);
  console.log('\nper module, alone (min+gzip B, min B):');
  for (const { name, min, gzip } of rows)
    console.log(`${String(gzip).padStart(6)} ${String(min).padStart(7)}  ${name}`);
  // Per package, the parts scaled to the bundle's real size.
  const packageOf = (name) => (name.startsWith('dist/') ? 'closer-chat' : name.startsWith('zod/') ? 'zod' : 'lit');
  const sum = rows.reduce((total, row) => total + row.gzip, 0);
  const byPackage = {};
  for (const row of rows) byPackage[packageOf(row.name)] = (byPackage[packageOf(row.name)] ?? 0) + row.gzip;
  console.log('\nper package, share of the bundle (≈ min+gzip B):');
  for (const [name, gzip] of Object.entries(byPackage).sort((a, b) => b[1] - a[1])) {
    console.log(`${String(Math.round((gzip / sum) * measured.bundle)).padStart(6)}  ${name}`);
  }
}

if (over) {
  console.error(`size: ${over} build(s) over budget (see "sizeBudgets" in package.json)`);
  process.exit(1);
}
