/**
 * Server rendering: pages rendered by @lit-labs/ssr from dist/ upgrade in the browser
 * without a second launcher or a second init (scenarios in test/ssr/scenarios.ts).
 * Clients: src/index.ts (every scenario) and the self-contained bundle, as a CMS page
 * loads it. Lit's hydration is in ssr-hydrate.test.ts.
 */
import { serverRenderedScenarios } from './ssr/scenarios.js';

describe('server-rendered <closer-chat> (@lit-labs/ssr)', () => {
  serverRenderedScenarios('src');
  serverRenderedScenarios('bundle', { label: 'Chat with us', all: false });
});
