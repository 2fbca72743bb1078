// Two builds from one source:
//  - dist/*.js + .d.ts: ES modules for bundlers, `lit` and `zod` left to the app's bundler.
//  - dist/closer-chat.bundle.js: one self-contained, minified module for a
//    `<script type="module">` on a CMS page, with Lit's production build inside.
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';

/** zod 4 trips two harmless warnings (a pure annotation, an internal cycle). */
function onwarn(warning, warn) {
  if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules/zod')) return;
  if (warning.code === 'CIRCULAR_DEPENDENCY' && warning.ids?.every((id) => id.includes('node_modules/zod'))) return;
  warn(warning);
}

const compile = (declarations) =>
  typescript({
    tsconfig: './tsconfig.json',
    rootDir: 'src',
    outDir: 'dist',
    declaration: declarations,
    declarationDir: declarations ? 'dist' : undefined,
    sourceMap: declarations,
  });

export default [
  {
    input: ['src/index.ts', 'src/closer-chat.ts', 'src/define.ts'],
    external: (id) => /^(lit|zod)(\/|$)/.test(id) || id.startsWith('@lit/'),
    plugins: [compile(true)],
    output: { dir: 'dist', format: 'es', preserveModules: true, preserveModulesRoot: 'src', sourcemap: true },
    onwarn,
  },
  {
    input: 'src/index.ts',
    plugins: [nodeResolve({ exportConditions: ['production'] }), compile(false), terser({ module: true, ecma: 2022 })],
    output: { file: 'dist/closer-chat.bundle.js', format: 'es' },
    onwarn,
  },
];
