import { exampleSuite } from '../../shared/suite.js';

exampleSuite({ name: 'Svelte 5: production build', dist: new URL('../dist/', import.meta.url) });
// A development build: Svelte's runtime warnings fail the tests.
exampleSuite({ name: 'Svelte 5: development build', dist: new URL('../dist-dev/', import.meta.url) });
