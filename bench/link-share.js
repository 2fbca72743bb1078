// How much of the link does the element's code take from the hero? The network alone,
// without the page's CPU work: a page that is only the hero image, and the same page
// with a module of the element's transfer size that runs nothing (bench/builds.js's
// bytes-only file) from the CDN at low and at high priority, and from the page's own
// origin, under DevTools network throttling (CDP Network.emulateNetworkConditions).
// Connections are warm (the page is loaded once unthrottled, then reloaded throttled
// with the cache off), so only the link is shared. Prints the hero's request → last
// byte per page, median (p25–p75), and when the module's last byte came.
//
//   node bench/link-share.js [--network fast4g|slow4g] [--trials 15] [--kb 20.3]
//
// One browser for every trial (each in a new tab): this measures the network model, not
// the page, and takes about a minute. bench/README.md ("LCP before intent") has figures.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { findChromium } from '../tools/browsers.js';
import { launch } from './browser.js';
import { writeBytesOnly } from './builds.js';
import { NETWORK_PROFILES } from './config.js';
import { OUT_DIR } from './make-stand-in.js';
import { recordNetwork } from './network-log.js';
import { BUNDLE_ORIGIN, startOrigins } from './origins.js';
import { fmt, summarize } from './report.js';

const { values: args } = parseArgs({
  options: {
    network: { type: 'string', default: 'fast4g' },
    trials: { type: 'string', default: '15' },
    kb: { type: 'string', default: '20.3' },
  },
});
const profile = NETWORK_PROFILES[args.network];
if (!profile) throw new Error(`--network: ${Object.keys(NETWORK_PROFILES).join(', ')}`);

const DIR = join(OUT_DIR, 'link-share');
const page = (head) =>
  `<!doctype html><html><head>${head}</head><body><img src="/bench/assets/hero.jpg?t=@T" width="960" height="720"></body></html>`;
const moduleTag = (src, priority) =>
  `<script type="module" src="${src}?t=@T"${priority ? ` fetchpriority="${priority}"` : ''}></script>`;

await mkdir(DIR, { recursive: true });
const origins = await startOrigins({ connectRtts: 0 });
origins.setProfile(profile);
const bytesOnly = await writeBytesOnly(Math.round(Number(args.kb) * 1024));
const PAGES = {
  'hero alone': page(''),
  'module from the CDN, fetchpriority=low': page(moduleTag(`${BUNDLE_ORIGIN}${bytesOnly}`, 'low')),
  'module from the CDN, default priority': page(moduleTag(`${BUNDLE_ORIGIN}${bytesOnly}`, null)),
  'module from the page origin, fetchpriority=low': page(moduleTag(`/bench/.out/cdn${bytesOnly}`, 'low')),
};
const results = Object.fromEntries(Object.keys(PAGES).map((name) => [name, []]));
const session = await launch(findChromium(), origins.chromeFlags);
try {
  for (let trial = 0; trial < Number(args.trials); trial++) {
    for (const [name, html] of Object.entries(PAGES)) {
      const file = `${Object.keys(PAGES).indexOf(name)}.html`;
      await writeFile(join(DIR, file), html.replaceAll('@T', `${trial}`));
      const tab = await session.browser.newPage();
      const cdp = await tab.createCDPSession();
      const log = await recordNetwork(cdp);
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      await tab.goto(`${origins.pageOrigin}/bench/.out/link-share/${file}`, { waitUntil: 'load' }); // warms the connections
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: profile.requestLatencyMs,
        downloadThroughput: (profile.downloadThroughputKbps * 1024) / 8,
        uploadThroughput: (profile.uploadThroughputKbps * 1024) / 8,
      });
      log.clear();
      await tab.reload({ waitUntil: 'load' });
      const requests = log.requests();
      const hero = requests.find((r) => r.url.includes('/hero.jpg'));
      const module = requests.find((r) => r.url.includes(bytesOnly));
      results[name].push({
        hero: hero.end - hero.start,
        moduleEnd: module ? module.end - hero.end : null,
        priority: module?.priority ?? null,
      });
      await tab.close();
    }
  }
} finally {
  await session.close();
  await origins.close();
}

console.log(
  `${profile.label} (DevTools throttling, warm connections), ${args.trials} trials each, a ${args.kb} kB module, median (p25–p75):\n`,
);
const alone = summarize(results['hero alone'].map((r) => r.hero)).median;
for (const [name, list] of Object.entries(results)) {
  const hero = summarize(list.map((r) => r.hero));
  const moduleEnd = summarize(list.map((r) => r.moduleEnd));
  console.log(
    `${name.padEnd(48)} hero request → last byte ${fmt(hero.median)} ms (${fmt(hero.p25)}–${fmt(hero.p75)}), ` +
      `${name === 'hero alone' ? 'the baseline' : `${hero.median - alone >= 0 ? '+' : ''}${fmt(hero.median - alone)} ms`}` +
      (moduleEnd.median === null
        ? ''
        : `; the module's last byte ${fmt(Math.abs(moduleEnd.median))} ms ${moduleEnd.median < 0 ? 'before' : 'after'} the hero's (priority ${list[0].priority})`),
  );
}
