// `npm run lint` (with `tsc --noEmit` and `prettier --check`): zero warnings allowed.
// Type-aware rules for src/ (the published code), lighter rules for tests and tools.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      '**/node_modules/',
      'examples/*/dist*/',
      'bench/.out/',
      '.test-results/',
      'custom-elements.json',
      '.scratch/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.ts'],
    extends: [
      ...tseslint.configs.recommendedTypeChecked,
      lit.configs['flat/recommended'],
      wc.configs['flat/recommended'],
    ],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    settings: { wc: { elementBaseClasses: ['LitElement'] } },
    rules: {
      // The element's property types come from the attribute table by declaration merging.
      '@typescript-eslint/no-unsafe-declaration-merging': 'off',
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
      // Lit's own pattern: attributes read in constructors are defaults, not reads.
      'wc/no-constructor-attributes': 'error',
      'wc/guard-super-call': 'off',
    },
  },
  {
    files: ['test/**/*.ts', 'test/**/*.tsx'],
    rules: {
      // Tests poke at the SDK's recorded calls, whose shapes are the SDK's.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Chai's property assertions: `expect(button).to.exist`.
      '@typescript-eslint/no-unused-expressions': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.jsx'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },
  prettier,
);
