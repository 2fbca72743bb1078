// Injected by run.js into every page before any of its own scripts
// (Playwright `addInitScript`). Identical on all five pages, so its (tiny) cost cancels
// out. Collects into `window.__bench`:
//   lcp        the latest largest-contentful-paint candidate
//   longTasks  [startTime, duration] of every long task (≥ 50 ms) of this event loop
//   lastLongTaskEnd
// and sets performance marks:
//   bench:define-closer-chat     just before customElements.define('closer-chat'): the
//                                parser has already created the element, so define()
//                                upgrades it and runs its constructor + connectedCallback
//   bench:widget-script-inserted a <script> for /bench/.out/widget/ entered the document
//                                (MutationObserver: delivered at the end of the microtask
//                                that inserted it)
(() => {
  if (window !== window.top) return;
  const bench = (window.__bench = { lcp: null, longTasks: [], lastLongTaskEnd: 0 });
  const observe = (type, onEntry) => {
    try {
      new PerformanceObserver(list => list.getEntries().forEach(onEntry)).observe({ type, buffered: true });
    } catch {
      /* unsupported entry type */
    }
  };
  observe('largest-contentful-paint', e => {
    bench.lcp = {
      startTime: e.startTime,
      size: e.size,
      element: e.element ? e.element.tagName.toLowerCase() + (e.element.className ? `.${e.element.className}` : '') : null,
      url: e.url || null,
    };
  });
  observe('longtask', e => {
    bench.longTasks.push([e.startTime, e.duration]);
    bench.lastLongTaskEnd = Math.max(bench.lastLongTaskEnd, e.startTime + e.duration);
  });

  const registry = window.CustomElementRegistry && window.CustomElementRegistry.prototype;
  if (registry) {
    const define = registry.define;
    registry.define = function (name, ...rest) {
      if (name === 'closer-chat') performance.mark('bench:define-closer-chat');
      return define.call(this, name, ...rest);
    };
  }

  let seen = false;
  new MutationObserver((records, observer) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node.nodeName === 'SCRIPT' && String(node.src).includes('/bench/.out/widget/')) {
          if (!seen) performance.mark('bench:widget-script-inserted');
          seen = true;
          observer.disconnect();
          return;
        }
      }
    }
  }).observe(document, { childList: true, subtree: true });
})();
