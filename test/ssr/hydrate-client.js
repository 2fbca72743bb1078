// The client of a page that hydrates: Lit's hydrate support first (before Lit loads),
// then the element from the built ESM, as a framework integration such as
// @lit-labs/nextjs does.
import '@lit-labs/ssr-client/lit-element-hydrate-support.js';
import '../../dist/index.js';
