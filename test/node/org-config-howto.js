// The how-to of docs/org-config-howto.md, run for real: a team with stage and
// production and three organisations, from nothing to a plan for a pull request and a
// nightly drift check, against two local stand-ins of the API (stage, production).
// `runHowto()` runs every step in a fresh folder and returns each command with its
// output; scripts/org-config-howto.js writes them into the doc, and
// org-config-howto.test.js checks that the doc still shows what the commands print.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { example, startFakeApi } from './org-config-fake-api.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(root, 'bin', 'closer-config.js');

export const KEYS = { stage: 'stage-admin-key-7f3e9a1c', prod: 'prod-admin-key-2b8d4e6f' };
/** The ports the doc shows; a run elsewhere (a busy port, a test) is masked to these. */
export const DOC_PORTS = { stage: 47801, prod: 47802 };

const ORGS = {
  acme: { stage: '0a1b2c3d-0000-4000-8000-00000000a001', prod: '0a1b2c3d-0000-4000-8000-00000000a002' },
  globex: { stage: '0a1b2c3d-0000-4000-8000-00000000b001', prod: '0a1b2c3d-0000-4000-8000-00000000b002' },
  initech: { stage: '0a1b2c3d-0000-4000-8000-00000000c001', prod: '0a1b2c3d-0000-4000-8000-00000000c002' },
};

/** What each organisation's live configuration is before the team starts. */
function liveConfig(org, env) {
  const config = example();
  const names = { acme: 'Acme Insurance', globex: 'Globex Energy', initech: 'Initech Bank' };
  config.name = names[org];
  config.headerWelcomeMessagePl = names[org];
  config.headerWelcomeMessageEn = names[org];
  config.welcomeMessagePl = `Dzień dobry, tu ${names[org]}!`;
  config.welcomeMessageEn = `Hello, this is ${names[org]}!`;
  config.baseUrl = `https://${env === 'stage' ? 'stage.' : 'www.'}${org}.example`;
  config.origin = [`https://${env === 'stage' ? 'stage.' : 'www.'}${org}.example`];
  config.widgetLogLevel = env === 'stage' ? 'debug' : 'warn';
  if (org === 'initech') config.recordingEnabled = true;
  config.maintenanceWindows = [];
  return config;
}

/** The steps: a shell command as the doc shows it, or something that happens meanwhile. */
export const STEPS = [
  {
    say: 'init',
    command: [
      'init',
      '--env',
      'stage=http://127.0.0.1:STAGE_PORT',
      '--env',
      'prod=http://127.0.0.1:PROD_PORT',
      ...Object.entries(ORGS).flatMap(([org, ids]) =>
        Object.entries(ids).flatMap(([env, id]) => ['--target', `${org}/${env}=${id}`]),
      ),
    ],
  },
  { say: 'workspace', shell: 'cat closer-config.json' },
  { say: 'org-file', shell: 'cat config/acme.json' },
  { say: 'validate', command: ['validate'] },
  { say: 'plan-clean', command: ['plan'] },
  {
    say: 'edit',
    edit: { file: 'config/base.json', set: { color: '#0055ff' } },
    shell: 'edit config/base.json: "color": "#0055ff"',
  },
  {
    say: 'hours-set',
    command: ['hours', 'config/acme.json', '--set', 'Mon-Fri 08:00-16:00, Sat 09:00-13:00', '--week', '2025-03-24'],
  },
  { say: 'plan-stage', command: ['plan', '--env', 'stage'] },
  { say: 'plan-json', command: ['plan', '--json', '--org', 'initech', '--env', 'stage'] },
  { say: 'apply-stage', command: ['apply', '--env', 'stage', '--yes'] },
  {
    say: 'admin-panel',
    adminPanel: {
      org: 'globex',
      env: 'prod',
      set: { welcomeMessageEn: 'Hello from Globex, we answer within 5 minutes!', color: '#e4002b' },
    },
  },
  { say: 'plan-prod', command: ['plan', '--env', 'prod'] },
  { say: 'apply-prod', command: ['apply', '--env', 'prod', '--yes'] },
  { say: 'merge', command: ['pull', '--merge', '--org', 'globex', '--env', 'prod'] },
  { say: 'drift-before', command: ['drift'] },
  {
    say: 'keep-theirs',
    edit: { file: 'config/globex.prod.json', set: { color: '#e4002b' } },
    shell: 'edit config/globex.prod.json: "color": "#e4002b"',
  },
  { say: 'merge-again', command: ['pull', '--merge', '--org', 'globex', '--env', 'prod'] },
  { say: 'plan-globex', command: ['plan', '--org', 'globex', '--env', 'prod'] },
  { say: 'drift', command: ['drift'] },
  { say: 'hours', command: ['hours', '--org', 'acme', '--env', 'prod', '--week', '2025-03-24'] },
];

function run(args, { cwd, env }) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    // As a terminal shows them: stdout and stderr in the order they come.
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

/** `closer-config …` as the doc shows it: quoted where a shell needs it. */
export function shellLine(args) {
  return ['closer-config', ...args.map((a) => (/^[\w./=:@,-]+$/.test(a) ? a : `"${a}"`))].join(' ');
}

/**
 * Runs the how-to; resolves to [{ say, line, output, code }]. `ports` as the doc's by
 * default (random ones for a test run beside others).
 */
export async function runHowto({ ports = DOC_PORTS } = {}) {
  const apis = {};
  for (const env of ['stage', 'prod']) {
    const orgs = Object.fromEntries(Object.entries(ORGS).map(([org, ids]) => [ids[env], liveConfig(org, env)]));
    apis[env] = await startFakeApi({ orgs, keys: { read: [], admin: [KEYS[env]] }, port: ports[env] });
  }
  const dir = mkdtempSync(join(tmpdir(), 'closer-config-howto-'));
  const env = { PATH: process.env.PATH, CLOSER_API_KEY_STAGE: KEYS.stage, CLOSER_API_KEY_PROD: KEYS.prod };
  const results = [];
  try {
    for (const step of STEPS) {
      if (step.adminPanel) {
        const { org, env: where, set } = step.adminPanel;
        Object.assign(apis[where].state.orgs[ORGS[org][where]], set);
        results.push({ say: step.say, line: null, output: null, code: null });
        continue;
      }
      if (step.edit) {
        const path = join(dir, step.edit.file);
        const config = JSON.parse(readFileSync(path, 'utf8'));
        Object.assign(config, step.edit.set);
        writeFileSync(path, `${JSON.stringify(config, null, 2)}\n`);
        results.push({ say: step.say, line: null, output: null, code: null });
        continue;
      }
      if (step.shell) {
        const file = step.shell.replace(/^cat /, '');
        results.push({ say: step.say, line: step.shell, output: readFileSync(join(dir, file), 'utf8'), code: 0 });
        continue;
      }
      const args = step.command.map((a) =>
        a.replace('STAGE_PORT', String(apis.stage.port)).replace('PROD_PORT', String(apis.prod.port)),
      );
      const { code, output } = await run(args, { cwd: dir, env });
      results.push({ say: step.say, line: shellLine(step.command), output, code });
    }
  } finally {
    await Promise.all(Object.values(apis).map((api) => api.close()));
    rmSync(dir, { recursive: true, force: true });
  }
  const mask = (text) =>
    text
      ?.replaceAll(`127.0.0.1:${apis.stage.port}`, `127.0.0.1:${DOC_PORTS.stage}`)
      .replaceAll(`127.0.0.1:${apis.prod.port}`, `127.0.0.1:${DOC_PORTS.prod}`);
  return results.map((r) => ({
    ...r,
    line: r.line && r.line.replace('STAGE_PORT', String(DOC_PORTS.stage)).replace('PROD_PORT', String(DOC_PORTS.prod)),
    output: mask(r.output),
  }));
}

/** Times differ on every run: the doc's and a run's are compared without them. */
export const withoutTimes = (text) => text.replace(/\d{4}-\d\d-\d\dT\d\d[:-]\d\d[:-]\d\d[.-]\d{3}Z/g, '<time>');
