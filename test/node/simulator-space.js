// The development widget's space of SDKs (`closerSimulator.space`, dev/simulator/widget.js)
// read in Node: the script runs once in a bare vm context with just what it touches
// while executing, so the Node tests take the dimensions from their single source.
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';

const WIDGET = new URL('../../dev/simulator/widget.js', import.meta.url);

/** @returns {{ name: string, values: string[], default: string }[]} */
export function simulatorSpace() {
  const script = { src: 'http://localhost/dev/simulator/widget.js', addEventListener() {} };
  const context = {
    console,
    URL,
    URLSearchParams,
    performance: { mark() {} },
    location: { href: 'http://localhost/' },
    document: { currentScript: script, querySelectorAll: () => [] },
    setTimeout: () => 0,
    clearTimeout() {},
    queueMicrotask() {},
    addEventListener() {},
    removeEventListener() {},
  };
  context.window = context;
  runInNewContext(readFileSync(WIDGET, 'utf8'), context, { filename: WIDGET.pathname });
  return JSON.parse(JSON.stringify(context.closerSimulator.space));
}

/** mulberry32: small and seedable. */
export function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
