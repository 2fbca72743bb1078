// Two builds from one source (then `cem analyze` writes custom-elements.json, see
// package.json "build"):
//  - dist/*.js + .d.ts: ES modules for bundlers, `lit` and `zod` left to the app's
//    bundler. Besides the element: `react.js` (the React 18 wrapper and the
//    `useCloserChat()` hook, `react` and `@lit/react` left to the app), `vue.js` (the
//    `useCloserChat()` composable, `vue` left to the app; its .d.ts also types the tag
//    in templates), and the type-only entries `react-jsx`, `svelte`, `preact` and
//    `solid`, whose JS is empty and whose .d.ts teaches that framework the tag.
//    Also `org-config/` (`closer-chat/org-config` and the `closer-config` CLI that
//    bin/closer-config.js runs), which nothing of the element imports.
//  - dist/closer-chat.bundle.js: one self-contained, minified module for a
//    `<script type="module">` on a CMS page, with Lit's production build inside.
// No source maps: the ESM output is the TypeScript minus its types, and maps would
// point at src/, which is not published.
import { readdirSync, rmSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';

/** Entries of the package (see "exports" in package.json), and the module bin/closer-config.js runs. */
const ENTRIES = [
  'index',
  'element',
  'define',
  'react',
  'react-jsx',
  'vue',
  'svelte',
  'preact',
  'solid',
  'org-config/index',
  'org-config/cli',
];
/** Type-only entries: their JS is empty, and kept so that a plain `import` resolves too. */
const TYPE_ONLY = ['react-jsx', 'svelte', 'preact', 'solid'];

/** zod 4 trips two harmless warnings (a pure annotation, an internal cycle). */
function onwarn(warning, warn) {
  if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules/zod')) return;
  if (warning.code === 'CIRCULAR_DEPENDENCY' && warning.ids?.every((id) => id.includes('node_modules/zod'))) return;
  if (warning.code === 'EMPTY_BUNDLE' && TYPE_ONLY.includes(warning.names?.[0])) return;
  warn(warning);
}

/**
 * No stale file is ever published: after both builds, whatever dist/ holds that
 * neither wrote (a renamed module, an old source map) is deleted. Swept at the end
 * rather than wiped at the start, so dist/ is never empty while something reads it.
 * (`rollup -c` builds the configs one after the other, the bundle last.)
 */
const written = new Set();
const recordOutput = () => ({
  name: 'record-output',
  writeBundle: (_, bundle) => Object.keys(bundle).forEach((name) => written.add(name)),
});
const sweepDist = () => ({
  name: 'sweep-dist',
  writeBundle(_, bundle) {
    Object.keys(bundle).forEach((name) => written.add(name));
    for (const entry of readdirSync('dist', { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const name = relative('dist', join(entry.parentPath ?? entry.path, entry.name))
        .split(sep)
        .join('/');
      if (!written.has(name)) rmSync(join('dist', name));
    }
  },
});

/**
 * The bundle is one file, yet what the ESM build loads on demand (config-issues.js, and
 * zod with it: only an invalid config needs them) must not run when a page loads it:
 * every page would pay for zod's set-up. So the bundle is built with that chunk split
 * off (after terser), and the chunk goes back into the entry as a function that the
 * entry's `import()` calls: one file, the chunk evaluated on first use. The chunk's
 * imports from the entry become the function's arguments, its exports what it returns.
 */
/** What a module exports, `export *` followed. */
async function exportNames(id) {
  const names = [];
  for (const [source, bound] of Object.entries(this.getModuleInfo(id).exportedBindings)) {
    for (const name of bound) {
      if (name !== '*') names.push(name);
      else names.push(...(await exportNames.call(this, (await this.resolve(source, id)).id)));
    }
  }
  return names;
}

const inlineOnDemand = () => ({
  name: 'inline-on-demand',
  async generateBundle(_, bundle) {
    const chunks = Object.values(bundle).filter((file) => file.type === 'chunk');
    const entry = chunks.find((chunk) => chunk.isEntry);
    const lazy = chunks.filter((chunk) => chunk !== entry);
    if (lazy.some((chunk) => !chunk.isDynamicEntry)) this.error('the bundle must be one entry and on-demand chunks');
    const entryAst = this.parse(entry.code);
    const exportList = entryAst.body.find((node) => node.type === 'ExportNamedDeclaration' && !node.declaration);
    const localOf = new Map(exportList.specifiers.map((spec) => [spec.exported.name, spec.local.name]));
    const edits = [];
    const loaders = [];
    lazy.forEach((chunk, index) => {
      const ast = this.parse(chunk.code);
      const params = [];
      const args = [];
      let returns = '';
      let body = chunk.code;
      for (const node of [...ast.body].reverse()) {
        if (node.type === 'ImportDeclaration') {
          if (node.source.value !== `./${entry.fileName}`) this.error(`${chunk.fileName} imports ${node.source.value}`);
          for (const spec of node.specifiers) {
            params.push(spec.local.name);
            args.push(localOf.get(spec.imported.name));
          }
        } else if (node.type === 'ExportNamedDeclaration' && !node.declaration) {
          returns = node.specifiers.map((spec) => `${spec.exported.name}:${spec.local.name}`).join(',');
        } else continue;
        body = body.slice(0, node.start) + body.slice(node.end);
      }
      const name = `closerChatOnDemand${index}`;
      loaders.push(
        `var ${name}$;function ${name}(){return ${name}$??=(function(${params}){${body};return{${returns}}})(${args})}`,
      );
      const walk = (node) => {
        if (node.type === 'ImportExpression' && node.source.value === `./${chunk.fileName}`) {
          edits.push({ start: node.start, end: node.end, text: `Promise.resolve().then(${name})` });
        }
        for (const child of Object.values(node).flat()) if (child && typeof child.type === 'string') walk(child);
      };
      walk(entryAst);
      delete bundle[chunk.fileName];
    });
    // Only the entry's own exports stay (index.ts's): not those it gained for the chunks.
    const own = new Set(await exportNames.call(this, entry.facadeModuleId));
    const kept = exportList.specifiers.filter((spec) => own.has(spec.exported.name));
    const specifier = (spec) =>
      spec.local.name === spec.exported.name ? spec.local.name : `${spec.local.name} as ${spec.exported.name}`;
    edits.push({
      start: exportList.start,
      end: exportList.end,
      text: `${loaders.join(';')};export{${kept.map(specifier)}};`,
    });
    let code = entry.code;
    for (const { start, end, text } of edits.sort((a, b) => b.start - a.start))
      code = code.slice(0, start) + text + code.slice(end);
    entry.code = code;
  },
});

/** The bundle exports what the main entry does: give it those types. */
const bundleTypes = () => ({
  name: 'bundle-types',
  generateBundle() {
    this.emitFile({
      type: 'asset',
      fileName: 'closer-chat.bundle.d.ts',
      source: "// The self-contained build of the main entry: same exports, same types.\nexport * from './index.js';\n",
    });
  },
});

/**
 * Whitespace out of Lit's `css` and `html` templates (the facade's): their text ships as
 * written, and no minifier touches template text. CSS collapses fully; HTML only where
 * a line breaks, between attributes and tags, which renders the same.
 */
const compactCss = (text) =>
  text
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,])\s*/g, '$1')
    .replace(/:\s/g, ':')
    .trim();
const compactTemplates = () => ({
  name: 'compact-templates',
  transform(code) {
    if (!/\b(css|html)\s*`/.test(code)) return null;
    const edits = [];
    const visit = (node) => {
      if (node.type === 'TaggedTemplateExpression' && ['css', 'html'].includes(node.tag.name)) {
        for (const { start, end } of node.quasi.quasis) {
          const text = code.slice(start, end);
          edits.push({ start, end, text: node.tag.name === 'css' ? compactCss(text) : text.replace(/\s*\n\s*/g, ' ') });
        }
      }
      for (const child of Object.values(node).flat()) if (child && typeof child.type === 'string') visit(child);
    };
    visit(this.parse(code));
    for (const { start, end, text } of edits.sort((a, b) => b.start - a.start)) {
      code = code.slice(0, start) + text + code.slice(end);
    }
    return { code, map: null };
  },
});

const compile = (declarations) =>
  typescript({
    tsconfig: './tsconfig.json',
    rootDir: 'src',
    outDir: 'dist',
    declaration: declarations,
    declarationDir: declarations ? 'dist' : undefined,
    sourceMap: false,
  });

const isExternal = (id) =>
  /^(lit|zod|react|vue|svelte|preact|solid-js|commander)(\/|$)/.test(id) ||
  id.startsWith('@lit/') ||
  id.startsWith('node:');

export default [
  {
    input: ENTRIES.map((name) => `src/${name}.ts`),
    external: isExternal,
    plugins: [compile(true), compactTemplates(), recordOutput()],
    output: { dir: 'dist', format: 'es', preserveModules: true, preserveModulesRoot: 'src' },
    onwarn,
  },
  {
    input: 'src/index.ts',
    plugins: [
      nodeResolve({ exportConditions: ['production'] }),
      compile(false),
      compactTemplates(),
      terser({ module: true, ecma: 2022 }),
      inlineOnDemand(),
      bundleTypes(),
      sweepDist(),
    ],
    // One file for one script tag: see inlineOnDemand.
    preserveEntrySignatures: 'allow-extension',
    output: { dir: 'dist', entryFileNames: 'closer-chat.bundle.js', format: 'es' },
    onwarn,
  },
];
