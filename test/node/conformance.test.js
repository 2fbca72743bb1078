// The conformance probe (conformance/, `closer-conformance`) against the development
// widget: at every point of a fixed, seeded sample of the space of SDKs that covers every
// value of every dimension, the report must name the point that was played. The points
// are probed in one Chromium session, a few side by side (each on an origin of its own).
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { readOptions } from '../../conformance/cli.js';
import { probeWidgets } from '../../conformance/run.js';
import { startStaticServer } from '../../tools/static-server.js';
import { random, simulatorSpace } from './simulator-space.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const ORG_ID = '4f1c2d3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
const SPACE = simulatorSpace();
const SEED = 20261207;
const POINTS = 56;
/** Long enough on a loaded 2-core machine; the simulator reacts within a few ms. */
const SETTINGS = { settleMs: 500, installWaitMs: 1000 };
/** What an SDK whose init throws leaves unprobed: everything that needs a session. */
const NEEDS_A_SESSION = [
  'reinit',
  'deinit',
  'after-deinit',
  'callback-args',
  'callbacks-in-init',
  'callback-after-deinit',
  'tabs',
];

/** The point the simulator plays for `requested` (its README: when=never implies three values). */
function normalised(requested) {
  const point = { ...requested };
  if (point.when === 'never') Object.assign(point, { install: 'stub', queue: 'drain', 'deinit-before-init': 'absent' });
  return point;
}

/**
 * The sample: each dimension's values dealt in a seeded shuffled cycle, so that each value
 * comes about equally often; `init=throws` on one point in eight only (it hides the rest).
 */
function samplePoints() {
  const next = random(SEED);
  const columns = SPACE.map(({ name, values }) => {
    const cycle = [];
    while (cycle.length < POINTS) cycle.push(...values);
    for (let i = cycle.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [cycle[i], cycle[j]] = [cycle[j], cycle[i]];
    }
    return [name, cycle];
  });
  return Array.from({ length: POINTS }, (_, i) => {
    const point = Object.fromEntries(columns.map(([name, cycle]) => [name, cycle[i]]));
    point.init = i % 8 === 7 ? 'throws' : 'ok';
    return normalised(point);
  });
}

/** What the report must say for `point` (with --org): the value, or why it cannot. */
function expected(point) {
  const report = { ...point };
  if (point.init === 'throws') {
    for (const name of NEEDS_A_SESSION) report[name] = 'not probed';
    // Present before any init is seen; absent and after-init differ only after one.
    if (point.open !== 'present') report.open = 'unknown';
  }
  return report;
}

let server;
before(async () => {
  server = await startStaticServer({ root, cors: true });
});
after(() => server?.close());

// when=timer installs 150 ms after execution (not 50): a timer is told from "right after the
// load event" by order, which a main thread stalled for longer than that could blur.
const widgetAt = (point, extra = {}) =>
  `${server.origin}/dev/simulator/widget.js?${new URLSearchParams({ ...point, 'install-ms': '150', ...extra })}`;

describe('the sample of the space', () => {
  const points = samplePoints();

  test('covers every value of every dimension where the probe can see it', () => {
    for (const { name, values } of SPACE) {
      const seen = new Set(points.filter((point) => expected(point)[name] === point[name]).map((point) => point[name]));
      assert.deepEqual([...seen].sort(), [...values].sort(), `every value of ${name}`);
    }
  });

  test(`the probe names the played point at each of the ${POINTS} points`, { timeout: 600_000 }, async () => {
    const started = performance.now();
    const { findings } = await probeWidgets({
      widgets: points.map((point) => widgetAt(point)),
      org: ORG_ID,
      lanes: 3,
      timeoutMs: 540_000,
      ...SETTINGS,
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const wrong = [];
    findings.forEach((finding, i) => {
      const want = expected(points[i]);
      if (finding?.failure) return wrong.push(`point ${i}: the probe failed: ${finding.failure}`);
      for (const [name, value] of Object.entries(want)) {
        if (finding.point[name] !== value) {
          const seen = finding.dimensions[name];
          wrong.push(
            `point ${i} ${name}: reported ${finding.point[name]}, played ${value} (${seen.why ?? ''} ${seen.evidence.join('; ')}) at ${widgetAt(points[i])}`,
          );
        }
      }
      if (finding.pageErrors.length) wrong.push(`point ${i}: page errors ${finding.pageErrors.join(' | ')}`);
    });
    console.log(`# ${POINTS} points probed in ${seconds} s`);
    assert.deepEqual(wrong, []);
  });
});

describe('closer-conformance (the CLI)', () => {
  /** Runs the bin; resolves with its exit status, stdout and stderr. */
  const cli = (args) =>
    new Promise((resolve) => {
      const child = spawn(process.execPath, ['bin/closer-conformance.js', ...args], { cwd: root });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk) => (stdout += chunk));
      child.stderr.on('data', (chunk) => (stderr += chunk));
      child.on('close', (status) => resolve({ status, stdout, stderr }));
    });
  const timing = ['--settle-ms', String(SETTINGS.settleMs), '--install-wait-ms', String(SETTINGS.installWaitMs)];

  test('prints the versioned report for the default point', { timeout: 120_000 }, async () => {
    const defaults = Object.fromEntries(SPACE.map(({ name, values }) => [name, values[0]]));
    const widget = widgetAt({}, { cli: 'default' });
    const { status, stdout, stderr } = await cli(['--widget', widget, '--org', ORG_ID, ...timing]);
    assert.equal(status, 0, stderr);
    const report = JSON.parse(stdout);
    assert.equal(report.report, 'closer-chat/conformance');
    assert.equal(report.version, 1);
    assert.deepEqual(report.point, defaults);
    assert.deepEqual(Object.keys(report.dimensions), Object.keys(defaults));
    assert.equal(report.widget.url, widget);
    assert.equal(report.widget.status, 200);
    assert.match(report.widget.sha256, /^[0-9a-f]{64}$/);
    assert.match(report.browser.version, /\d+\.\d+/);
    assert.match(report.browser.userAgent, /Mozilla/);
    assert.equal(report.org, 'given');
    assert.ok(!stdout.includes(ORG_ID), 'the organisation id stays out of the report');
    assert.ok(!Number.isNaN(Date.parse(report.timestamp)));
  });

  test('without --org: how and when it installs, the rest not probed, saying why', { timeout: 120_000 }, async () => {
    const point = { install: 'replace', when: 'microtask', queue: 'drain', 'deinit-before-init': 'absent' };
    const { status, stdout, stderr } = await cli(['--widget', widgetAt(point), ...timing]);
    assert.equal(status, 0, stderr);
    const report = JSON.parse(stdout);
    assert.deepEqual(Object.fromEntries(Object.entries(report.point).filter(([, value]) => value !== 'not probed')), {
      ...point,
      open: 'present',
    });
    assert.match(report.dimensions.deinit.why, /--org/);
  });

  test('in Firefox too', { timeout: 120_000 }, async () => {
    const point = { ...normalised({ install: 'function', when: 'load', queue: 'leave', reinit: 'second' }) };
    point.deinit = 'task';
    point.tabs = 'storage';
    point['callback-args'] = 'extra';
    const { status, stdout, stderr } = await cli([
      '--widget',
      widgetAt(point),
      '--org',
      ORG_ID,
      '--browser',
      'firefox',
      ...timing,
    ]);
    assert.equal(status, 0, stderr);
    const report = JSON.parse(stdout);
    assert.match(report.browser.userAgent, /Firefox/);
    const defaults = Object.fromEntries(SPACE.map(({ name, values }) => [name, values[0]]));
    assert.deepEqual(report.point, { ...defaults, ...point });
  });

  test('bad input: a clear error naming what is wrong, and nothing runs', async () => {
    assert.throws(() => readOptions(['--org', 'not-an-id']), /--org: give an organisation id/);
    assert.throws(() => readOptions(['--widget', '/relative.js']), /--widget \/relative\.js: not an absolute URL/);
    assert.throws(() => readOptions(['--browser', 'lynx']), /--browser lynx/);
    assert.throws(() => readOptions(['--settle-ms', 'soon']), /--settle-ms soon/);
    assert.throws(() => readOptions(['--nope']), /nope/);
    const { status, stdout, stderr } = await cli(['--org', 'nope']);
    assert.equal(status, 2);
    assert.equal(stdout, '');
    assert.match(stderr, /--org: give an organisation id/);
  });
});

test('npm pack → npm install → npx closer-conformance probes a widget', { timeout: 180_000 }, async () => {
  const exec = promisify(execFile);
  const dir = mkdtempSync(join(tmpdir(), 'closer-conformance-install-'));
  try {
    // The build ran before the tests (npm test); --ignore-scripts skips prepack's rebuild.
    const { stdout } = await exec('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], {
      cwd: root,
    });
    const [{ filename }] = JSON.parse(stdout);
    writeFileSync(
      join(dir, 'package.json'),
      '{ "name": "try-closer-conformance", "private": true, "type": "module" }\n',
    );
    await exec('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', join(dir, filename)], { cwd: dir });
    const point = { when: 'timer', open: 'absent', tabs: 'none' };
    const run = await exec(
      'npx',
      [
        '--no-install',
        'closer-conformance',
        '--widget',
        widgetAt(point, { installed: '1' }),
        '--org',
        ORG_ID,
        '--settle-ms',
        '400',
      ],
      { cwd: dir },
    );
    const report = JSON.parse(run.stdout);
    const defaults = Object.fromEntries(SPACE.map(({ name, values }) => [name, values[0]]));
    assert.deepEqual(report.point, { ...defaults, ...point });
    assert.equal(report.tool.name, 'closer-chat');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
