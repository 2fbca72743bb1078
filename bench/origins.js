// The benchmark's three origins, all on this machine:
//
//   page    http://127.0.0.1:<port>        the five pages and their hero image
//   widget  https://widget.closer.app      the stand-in widget and everything it loads
//   bundle  https://cdn.bench.test         dist/closer-chat.bundle.js (a snapshot)
//
// The two HTTPS origins are HTTP/2 servers on free ports; Chromium is told to resolve
// their names to them (`--host-resolver-rules`, everything else fails to resolve, so
// nothing leaves the machine) and to trust their throwaway self-signed certificate by
// its public key (`--ignore-certificate-errors-spki-list`; the key is made with openssl
// into bench/.out/tls/ at every run and never committed). Not
// `--ignore-certificate-errors`: Chromium never caches a response that came with a
// certificate error, so the widget would be downloaded again on every visit and a
// prefetch would never be used. The widget keeps its real URL, so the element pages use
// the element's default `src` and the snippet page the official URL, as a real site does.
// The page itself stays on plain HTTP at 127.0.0.1: Lighthouse refuses a main document
// whose certificate Chromium had to ignore.
//
// Each server holds every new connection for `connectRtts` round trips of the network
// profile before answering (one less for plain HTTP): DNS + TCP + TLS set-up to a far
// origin, which DevTools' per-request throttling does not model and a `preconnect` can
// hide.
import { execFileSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startStaticServer } from '../tools/static-server.js';
import { OUT_DIR, PROJECT_ROOT, WIDGET_DIR } from './make-stand-in.js';

export const WIDGET_ORIGIN = 'https://widget.closer.app';
export const BUNDLE_ORIGIN = 'https://cdn.bench.test';
export const URLS = { widgetUrl: `${WIDGET_ORIGIN}/widget.js`, bundleUrl: `${BUNDLE_ORIGIN}/closer-chat.bundle.js` };
const TLS_DIR = join(OUT_DIR, 'tls');
/** What https://cdn.bench.test serves (bench/side-by-side.js puts each build in a folder of its own). */
export const CDN_DIR = join(OUT_DIR, 'cdn');

/** A throwaway certificate for both HTTPS names (bench/.out/ is git-ignored). */
async function throwawayCertificate() {
  await mkdir(TLS_DIR, { recursive: true });
  const key = join(TLS_DIR, 'key.pem');
  const cert = join(TLS_DIR, 'cert.pem');
  const names = [WIDGET_ORIGIN, BUNDLE_ORIGIN].map((o) => `DNS:${new URL(o).hostname}`).join(',');
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        '2',
        '-subj',
        '/CN=closer-chat benchmark',
        '-addext',
        `subjectAltName=${names}`,
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
  } catch (error) {
    throw new Error(
      `openssl could not make the benchmark's certificate (apt-get install -y openssl): ${error.stderr ?? error.message}`,
      {
        cause: error,
      },
    );
  }
  return { key: await readFile(key), cert: await readFile(cert) };
}

/** What `--ignore-certificate-errors-spki-list` names a certificate by: its public key's SHA-256, base64. */
const spkiHash = (cert) =>
  createHash('sha256')
    .update(new X509Certificate(cert).publicKey.export({ type: 'spki', format: 'der' }))
    .digest('base64');

/** Cache lifetimes a CDN would send: a versioned bundle for a year, the widget for minutes. */
const pageCache = (pathname) => (pathname.endsWith('.html') ? 'no-cache' : 'public, max-age=86400');
const widgetCache = (pathname) => (pathname.endsWith('.json') ? 'no-cache' : 'public, max-age=600');

/**
 * Starts the three servers. `bundle`, if given, is copied to the CDN as
 * /closer-chat.bundle.js (a copy, so a rebuild during the run cannot mix two builds);
 * otherwise the CDN serves what the caller put in CDN_DIR. `setProfile(profile)` sets the
 * connection delay.
 */
export async function startOrigins({ bundle, connectRtts, widgetLatencyMs = 0 }) {
  await mkdir(CDN_DIR, { recursive: true });
  if (bundle) await copyFile(bundle, join(CDN_DIR, 'closer-chat.bundle.js'));
  const tls = await throwawayCertificate();
  const servers = {
    page: await startStaticServer({ root: PROJECT_ROOT, gzip: true, cacheControl: pageCache, connectDelayMs: 0 }),
    widget: await startStaticServer({
      root: WIDGET_DIR,
      gzip: true,
      tls,
      cors: true,
      cacheControl: widgetCache,
      connectDelayMs: 0,
      latencyMs: widgetLatencyMs ? { '/': widgetLatencyMs } : {},
    }),
    bundle: await startStaticServer({
      root: CDN_DIR,
      gzip: true,
      tls,
      cors: true,
      cacheControl: 'public, max-age=31536000, immutable',
      connectDelayMs: 0,
    }),
  };
  const hostRules = [
    `MAP ${new URL(WIDGET_ORIGIN).hostname}:443 127.0.0.1:${servers.widget.port}`,
    `MAP ${new URL(BUNDLE_ORIGIN).hostname}:443 127.0.0.1:${servers.bundle.port}`,
    'MAP * ~NOTFOUND',
    'EXCLUDE 127.0.0.1',
  ].join(', ');
  return {
    servers,
    pageOrigin: servers.page.origin,
    /** Connection set-up for the network profile: `connectRtts` round trips (one less on HTTP). */
    setProfile(profile) {
      const https = Math.round(profile.rttMs * connectRtts);
      const http = Math.round(profile.rttMs * Math.max(0, connectRtts - 1));
      servers.page.setConnectDelayMs(http);
      servers.widget.setConnectDelayMs(https);
      servers.bundle.setConnectDelayMs(https);
      return { https, http };
    },
    chromeFlags: [`--host-resolver-rules=${hostRules}`, `--ignore-certificate-errors-spki-list=${spkiHash(tls.cert)}`],
    /** Drops every open connection: the next view pays the set-up again. */
    dropConnections: () => Object.values(servers).forEach((s) => s.dropConnections()),
    close: () => Promise.all(Object.values(servers).map((s) => s.close())),
  };
}
