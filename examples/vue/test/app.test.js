import { exampleSuite } from '../../shared/suite.js';

exampleSuite({ name: 'Vue 3: production build', dist: new URL('../dist/', import.meta.url), hook: true });
// A development build: Vue's warnings (e.g. an unresolved component) fail the tests.
exampleSuite({ name: 'Vue 3: development build', dist: new URL('../dist-dev/', import.meta.url), hook: true });
