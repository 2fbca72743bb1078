import { exampleSuite } from '../../shared/suite.js';

exampleSuite({ name: 'React 19: production build', dist: new URL('../dist/', import.meta.url), hook: true });
// A development build: <StrictMode> mounts, unmounts and mounts again.
exampleSuite({
  name: 'React 19: development build, StrictMode',
  dist: new URL('../dist-dev/', import.meta.url),
  strictMode: true,
  hook: true,
});
