import { exampleSuite } from '../../shared/suite.js';

exampleSuite({ name: 'Angular 20: production build', dist: new URL('../dist/', import.meta.url) });
// A development build (`ng build --configuration development`): no optimisation, dev mode.
exampleSuite({ name: 'Angular 20: development build', dist: new URL('../dist-dev/', import.meta.url) });
