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
//    `<script type="module">` on a CMS page, with Lit's production build inside; beside
//    it dist/closer-chat.bundle-consent-*.js, which only a tag with `consent-from` loads.
//  - dist/closer-chat.boot.js: the CMS script line's file (src/boot/cms.ts): the boot,
//    which loads the bundle beside it on intent under the bundle's hash, written in
//    at build time; so it is built last, from the bundle on disk.
// No source maps: the ESM output is the TypeScript minus its types, and maps would
// point at src/, which is not published.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';

/**
 * Entries of the package (see "exports" in package.json), and the module bin/closer-config.js
 * runs: the name each has in dist/ → its source. The framework entries live in
 * src/frameworks/ but ship where users import them (dist/react.js, not dist/frameworks/react.js).
 */
const ENTRIES = {
  index: 'src/index.ts',
  element: 'src/element.ts',
  define: 'src/define.ts',
  react: 'src/frameworks/react.ts',
  'react-jsx': 'src/frameworks/react-jsx.ts',
  vue: 'src/frameworks/vue.ts',
  svelte: 'src/frameworks/svelte.ts',
  preact: 'src/frameworks/preact.ts',
  solid: 'src/frameworks/solid.ts',
  'org-config/index': 'src/org-config/index.ts',
  'org-config/cli': 'src/org-config/cli.ts',
  'boot/index': 'src/boot/index.ts',
};
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
 * An entry whose source sits in a subfolder (src/frameworks/react.ts) ships its JS as
 * dist/react.js, but TypeScript writes its types as dist/frameworks/react.d.ts: a
 * dist/react.d.ts next to the JS points at them, so `closer-chat/react` keeps its types.
 */
const entryTypes = () => ({
  name: 'entry-types',
  generateBundle() {
    for (const [name, source] of Object.entries(ENTRIES)) {
      const typesAt = source.replace(/^src\//, '').replace(/\.ts$/, '');
      if (typesAt === name) continue;
      const from = relative(dirname(name), typesAt).split(sep).join('/');
      this.emitFile({
        type: 'asset',
        fileName: `${name}.d.ts`,
        source: `// Types of this entry, written by TypeScript where its source sits.\nexport * from './${from}.js';\n`,
      });
    }
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
    walk(this.parse(code), (node) => {
      if (node.type === 'TaggedTemplateExpression' && ['css', 'html'].includes(node.tag.name)) {
        for (const { start, end } of node.quasi.quasis) {
          const text = code.slice(start, end);
          edits.push({ start, end, text: node.tag.name === 'css' ? compactCss(text) : text.replace(/\s*\n\s*/g, ' ') });
        }
      }
    });
    return { code: applyEdits(code, edits), map: null };
  },
});

/**
 * Members whose name ends in an underscore (`lease.start_()`, `session.running_`) are the
 * package's own: one module's object used by another, never by a page (Immer's
 * convention). A minifier shortens `#private` names but keeps these at full length, so
 * every visitor would pay for each class's surface: renamed here to `$0`, `$1`, ... in
 * every build, the same short name in every module, numbered in the sorted order of the
 * names in src/ so that builds are reproducible. Terser's `mangle.properties` does this
 * for a minified file, but it would also rename the ESM build's local names, which ships
 * readable.
 */
const INTERNAL_MEMBER = /^[a-z][A-Za-z0-9]+_$/;
const internalMembers = () => {
  const names = new Set();
  for (const entry of readdirSync('src', { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    const source = readFileSync(join(entry.parentPath ?? entry.path, entry.name), 'utf8');
    for (const [name] of source.matchAll(/(?<![\w$])[a-z][A-Za-z0-9]+_(?![\w$])/g)) names.add(name);
  }
  const shortNames = new Map([...names].sort().map((name, index) => [name, `$${index}`]));
  return {
    name: 'internal-members',
    transform(code, id) {
      if (!id.includes(`${sep}src${sep}`) || !/[a-z0-9]_\b/.test(code)) return null;
      const edits = [];
      const rename = (key, shorthand) => {
        if (key.type !== 'Identifier' || !INTERNAL_MEMBER.test(key.name)) return;
        const short = shortNames.get(key.name);
        if (!short) throw new Error(`internal-members: ${key.name} in ${id} was not found in src/`);
        edits.push({ start: key.start, end: key.end, text: shorthand ? `${short}: ${key.name}` : short });
      };
      walk(this.parse(code), (node) => {
        if (node.type === 'MemberExpression' && !node.computed) rename(node.property);
        if (['MethodDefinition', 'PropertyDefinition', 'Property'].includes(node.type) && !node.computed) {
          rename(node.key, node.shorthand);
        }
      });
      return edits.length ? { code: applyEdits(code, edits), map: null } : null;
    },
  };
};

/** Calls `visit` on every node of an ESTree AST (a shorthand property's key is its value: visited once). */
function walk(node, visit) {
  visit(node);
  const children = node.type === 'Property' && node.shorthand ? [node.value] : Object.values(node).flat();
  for (const child of children) if (child && typeof child.type === 'string') walk(child, visit);
}

/** `code` with each `{ start, end, text }` replacing its span (spans do not overlap). */
function applyEdits(code, edits) {
  for (const { start, end, text } of edits.sort((a, b) => b.start - a.start)) {
    code = code.slice(0, start) + text + code.slice(end);
  }
  return code;
}

/** The bundle's Subresource Integrity hash, into the boot (src/boot/cms.ts). */
const bundleIntegrity = () => ({
  name: 'bundle-integrity',
  transform(code, id) {
    if (!id.endsWith('cms.ts')) return null;
    const hash = createHash('sha256').update(readFileSync('dist/closer-chat.bundle.js')).digest('base64');
    return { code: code.replace('__CLOSER_CHAT_BUNDLE_INTEGRITY__', `sha256-${hash}`), map: null };
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

/**
 * What the bundle holds: the entry, and what the ESM build loads on demand for every
 * tag (config-issues.ts, the explanation of an invalid config), with all they import.
 * Anything else loaded on demand (`consent-from`'s adapters) is a file of its own.
 */
const IN_BUNDLE = /[\\/]src[\\/](index|config[\\/]config-issues)\.ts$/;

const isExternal = (id) =>
  /^(lit|zod|react|vue|svelte|preact|solid-js|commander)(\/|$)/.test(id) ||
  id.startsWith('@lit/') ||
  id.startsWith('node:');

export default [
  {
    input: ENTRIES,
    external: isExternal,
    plugins: [compile(true), compactTemplates(), internalMembers(), entryTypes(), recordOutput()],
    output: { dir: 'dist', format: 'es', preserveModules: true, preserveModulesRoot: 'src' },
    onwarn,
  },
  {
    input: 'src/index.ts',
    plugins: [
      nodeResolve({ exportConditions: ['production'] }),
      compile(false),
      compactTemplates(),
      internalMembers(),
      terser({ module: true, ecma: 2022 }),
      bundleTypes(),
      recordOutput(),
    ],
    // One file for one script tag: what the ESM build loads on demand is inline here
    // (config-issues.js, the explanation of an invalid config), except what only
    // `consent-from` needs: each consent manager's adapter (and follow.js, which they
    // share) is a file beside the bundle, which the bundle imports when a tag names it.
    output: {
      dir: 'dist',
      entryFileNames: 'closer-chat.bundle.js',
      chunkFileNames: 'closer-chat.bundle-consent-[name].js',
      manualChunks: (id) => (IN_BUNDLE.test(id) ? 'closer-chat.bundle' : undefined),
      format: 'es',
    },
    onwarn,
  },
  {
    input: 'src/boot/cms.ts',
    plugins: [
      compile(false),
      compactTemplates(),
      internalMembers(),
      bundleIntegrity(),
      terser({ module: true, ecma: 2022 }),
      sweepDist(),
    ],
    output: { dir: 'dist', entryFileNames: 'closer-chat.boot.js', format: 'es' },
    onwarn,
  },
];
