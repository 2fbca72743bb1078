// The official Closer loader snippet, the ONE copy the project keeps of it: the
// benchmark's snippet page and the tests that check the element next to a page's own
// snippet both use it.
//
// It creates `window.closer` as a stub `{ q: [], scriptUrl }` whose `init`, `identify`
// and `openWidget` push `{ method, args }` (the raw `arguments`) onto `closer.q`, and
// adds the widget script, async, to <head>. The real script replays the queue.
//
//   officialSnippet('https://widget.closer.app/widget.js', { init: { orgId } })
//
// returns the body of an inline `<script>` (no tag): the snippet, then, when `init` is
// given, `closer.init(<init>);` queued on the stub as a page does right after it.

/**
 * @param {string} scriptUrl the widget script's URL
 * @param {{ init?: Record<string, unknown> }} [options] `init`: options for a `closer.init` call queued right after
 * @returns {string}
 */
export function officialSnippet(scriptUrl, { init } = {}) {
  const lines = [
    '(function (w, d, u) {',
    '  var c = (w.closer = w.closer || { q: [], scriptUrl: u });',
    "  ['init', 'identify', 'openWidget'].forEach(function (m) {",
    '    c[m] = c[m] || function () { this.q.push({ method: m, args: arguments }); };',
    '  });',
    "  var s = d.createElement('script'); s.async = true; s.src = u; d.head.appendChild(s);",
    `})(window, document, ${JSON.stringify(scriptUrl)});`,
  ];
  if (init) lines.push(`closer.init(${JSON.stringify(init)});`);
  return `${lines.join('\n')}\n`;
}
