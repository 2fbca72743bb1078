/**
 * Server rendering with Lit's hydrate support loaded before the element (as
 * @lit-labs/nextjs does): Lit adopts the server's launcher instead of redrawing it,
 * and where the client decides otherwise than the server (bad config, Save-Data) it
 * hydrates first and redraws after, without a hydration mismatch.
 */
import { serverRenderedScenarios } from './ssr/scenarios.js';

describe('server-rendered <closer-chat>, hydrated (@lit-labs/ssr-client)', () => {
  serverRenderedScenarios('hydrate');
});
