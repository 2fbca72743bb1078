// `npm run size`: min+gzip bytes of what users download, checked against the budgets
// in package.json ("sizeBudgets"). Size is deterministic, so CI fails over budget.
//  - esm: the element's own code as a bundler would ship it (lit and zod external),
//    bundled and minified the way an app build would: the entry chunk, which every
//    page loads. What it imports on demand (`import()`: config-issues.js, only for an
//    invalid config) is split off by bundlers, and listed as `esm lazy`.
//  - consent: what a page with `consent-from` loads on demand, per consent manager:
//    follow.js (shared by all) and that manager's adapter. Each adapter's own size is
//    listed; the budget is for the largest pair.
//  - boot: dist/closer-chat.boot.js, the CMS script line's file: all a page with
//    `loading="interaction"` (or `manual`, or consent pending) runs before intent.
//  - rest: dist/closer-chat.bundle.js, the whole element, which the boot loads on the
//    hand-over (and a page may load on its own). It inlines what the ESM build loads on
//    demand, except consent-from's adapters, which are files beside it:
//    closer-chat.bundle-consent-*.js, about the sizes above.
//  - total: boot + rest, what a CMS page that hands over downloads.
//  - esmBoot: `closer-chat/boot` as a bundler ships it: the entry chunk, before the
//    `import()` of the element.
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

/** Rollup's chunks from `input`: lit and zod external (an app's build) or inside (the bundle). */
async function chunks({ external, preserveModules = false, input = 'dist/index.js' }) {
  const build = await rollup({
    input,
    external: external ? isLitOrZod : undefined,
    // In an app, our modules sit in the app's chunk, which may export what a lazy chunk
    // needs: no extra chunk just to keep index.js's exports as they are.
    preserveEntrySignatures: 'allow-extension',
    plugins: external ? [] : [nodeResolve({ exportConditions: ['production'] })],
    onwarn: () => {},
  });
  const { output } = await build.generate({ format: 'es', preserveModules });
  await build.close();
  return output.filter((chunk) => chunk.type === 'chunk');
}

/** The entry chunk and what it imports statically (what the page loads at once), and the rest. */
function splitInitial(list) {
  const initial = new Set();
  const addWithImports = (fileName) => {
    const chunk = list.find((candidate) => candidate.fileName === fileName); // none: lit or zod
    if (!chunk || initial.has(fileName)) return;
    initial.add(fileName);
    chunk.imports.forEach(addWithImports);
  };
  list.filter((chunk) => chunk.isEntry).forEach((chunk) => addWithImports(chunk.fileName));
  return [list.filter((chunk) => initial.has(chunk.fileName)), list.filter((chunk) => !initial.has(chunk.fileName))];
}
// Each chunk on its own, as a bundler ships it.
const gzipOf = async (list) => {
  const sizes = await Promise.all(list.map(async (chunk) => gzipBytes(await minified(chunk.code))));
  return sizes.reduce((total, size) => total + size, 0);
};
const [esmInitial, esmLater] = splitInitial(await chunks({ external: true }));
const [bootInitial] = splitInitial(await chunks({ external: true, input: 'dist/boot/index.js' }));
/** `klaro` for the chunk of dist/consent/klaro.js: what consent-from loads on demand. */
const consentPart = (chunk) => /\/dist\/consent\/([\w-]+)\.js$/.exec(chunk.facadeModuleId ?? '')?.[1];
const consentChunks = esmLater.filter((chunk) => consentPart(chunk));
const follow = consentChunks.find((chunk) => consentPart(chunk) === 'follow');
const adapters = await Promise.all(
  consentChunks
    .filter((chunk) => chunk !== follow)
    .map(async (chunk) => ({
      name: consentPart(chunk),
      alone: await gzipOf([chunk]),
      loaded: await gzipOf([follow, chunk]),
    })),
);
const boot = gzipBytes(await readFile('dist/closer-chat.boot.js'));
const rest = gzipBytes(await readFile('dist/closer-chat.bundle.js'));
const measured = {
  boot,
  rest,
  total: boot + rest,
  esm: await gzipOf(esmInitial),
  esmLazy: await gzipOf(esmLater.filter((chunk) => !consentChunks.includes(chunk))),
  consent: Math.max(...adapters.map((adapter) => adapter.loaded)),
  esmBoot: await gzipOf(bootInitial),
};

let over = 0;
for (const [name, bytes] of Object.entries(measured)) {
  const budget = budgets[name];
  const verdict = bytes <= budget ? 'ok' : 'OVER BUDGET';
  if (bytes > budget) over++;
  console.log(`${name.padEnd(8)} ${String(bytes).padStart(6)} B min+gzip   budget ${budget} B   ${verdict}`);
}
console.log(
  `\nconsent-from, loaded on demand (min+gzip B): follow.js ${await gzipOf([follow])}, shared, then one adapter:`,
);
for (const { name, alone, loaded } of adapters) {
  console.log(`${String(alone).padStart(6)}  ${name.padEnd(14)} (${loaded} with follow.js)`);
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
    console.log(`${String(Math.round((gzip / sum) * measured.rest)).padStart(6)}  ${name}`);
  }
}

if (over) {
  console.error(`size: ${over} build(s) over budget (see "sizeBudgets" in package.json)`);
  process.exit(1);
}
