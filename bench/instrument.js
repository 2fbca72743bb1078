// Injected into every measured page before its own scripts (puppeteer
// `evaluateOnNewDocument`). Identical on all pages, so its (tiny) cost cancels out. Sets:
//   bench:define-closer-chat      just before customElements.define('closer-chat'): the
//                                 parser has already created the element, so define()
//                                 upgrades it and runs its constructor + connectedCallback
//   bench:widget-script-inserted  the widget's <script> entered the document
//                                 (MutationObserver: delivered at the end of the microtask
//                                 that inserted it)
(() => {
  if (window !== window.top) return;
  const registry = window.CustomElementRegistry && window.CustomElementRegistry.prototype;
  if (registry) {
    const define = registry.define;
    registry.define = function (name, ...rest) {
      if (name === 'closer-chat') performance.mark('bench:define-closer-chat');
      return define.call(this, name, ...rest);
    };
  }
  new MutationObserver((records, observer) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node.nodeName === 'SCRIPT' && String(node.src).startsWith('https://widget.closer.app/')) {
          performance.mark('bench:widget-script-inserted');
          observer.disconnect();
          return;
        }
      }
    }
  }).observe(document, { childList: true, subtree: true });
})();
