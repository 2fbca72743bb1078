// The `closer-config` CLI end to end: `node bin/closer-config.js …` spawned as a
// process against the local stand-in API (--base-url http://127.0.0.1:PORT), with
// stdin a pipe (not a terminal) unless a test runs it under a pseudo-terminal.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, beforeEach, describe, test } from 'node:test';
import {
  ADMIN_KEY,
  ORG_ID,
  READ_KEY,
  closedPort,
  docsExampleText,
  example,
  exampleText,
  startFakeApi,
} from './org-config-fake-api.js';
import { BIN, runCli } from './org-config-run.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
// An ANSI escape (ESC + '['): colour codes.
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[`);
const hasScript = spawnSync('script', ['--version']).status === 0;

let api;
let dir;
before(async () => {
  api = await startFakeApi();
  dir = mkdtempSync(join(tmpdir(), 'closer-config-'));
});
after(async () => {
  await api.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  api.requests.length = 0;
  api.state.config = example();
  // Each test starts without a base snapshot or backups from the one before.
  rmSync(join(dir, 'closer-config.state.json'), { force: true });
  rmSync(join(dir, 'closer-config.backups'), { recursive: true, force: true });
});
const FIELDS = Object.keys(example()).length;

/** Runs the CLI with an admin's key in CLOSER_API_KEY unless the test says otherwise. */
const run = (args, { env = {}, input = '' } = {}) =>
  runCli(args, { cwd: dir, env: { CLOSER_API_KEY: ADMIN_KEY, ...env }, input });

/** Runs the CLI under a pseudo-terminal (util-linux `script`): stdout and stdin are a TTY. */
function runInTerminal(args, { env = {}, input = '' } = {}) {
  return new Promise((resolve, reject) => {
    const command = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
    const child = spawn('script', ['-qec', command, '/dev/null'], {
      cwd: dir,
      env: { PATH: process.env.PATH, CLOSER_API_KEY: ADMIN_KEY, TERM: 'xterm', ...env },
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output: output.replace(/\r\n/g, '\n') }));
    child.stdin.end(input);
  });
}

const connection = () => ['--org', ORG_ID, '--base-url', api.url];
const where = () => `org ${ORG_ID} on 127.0.0.1:${api.port}`;
const file = (name, content) => {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`);
  return path;
};

/** The example with a few edits and one field the schema does not know. */
function changedExample() {
  const config = example();
  config.color = '#0055ff';
  config.welcomeMessageEn = 'Good morning, welcome to Tutum Insurance!';
  config.workingHours[1].durationSeconds = 9000;
  config.allowedAttachmentExtensions = config.allowedAttachmentExtensions.filter((e) => e !== '.key').concat('.webp');
  config.ticketsEnabled = true;
  return config;
}
const puts = () => api.requests.filter((r) => r.method === 'PUT');

describe('closer-config CLI', () => {
  describe('help and usage', () => {
    test('--help lists the commands, the exit codes and the environment', async () => {
      const { code, stdout } = await run(['--help']);
      assert.equal(code, 0);
      for (const command of ['pull', 'validate', 'diff', 'push', 'hours'])
        assert.match(stdout, new RegExp(`^  ${command} `, 'm'));
      assert.match(stdout, /Exit codes:\n {2}0 /);
      assert.match(stdout, /CLOSER_API_KEY/);
    });

    test('the README and docs/org-config.md list the commands and exit codes the CLI has', async () => {
      const { stdout } = await run(['--help']);
      const commands = [...stdout.matchAll(/^ {2}(\w+) \[options\]/gm)].map((m) => m[1]);
      const exitCodes = [
        ...stdout
          .split('Exit codes:')[1]
          .split('Environment:')[0]
          .matchAll(/^ {2}(\d+) /gm),
      ].map((m) => m[1]);
      const readme = readFileSync(join(root, 'README.md'), 'utf8');
      const start = readme.indexOf('## Configuration as code');
      const end = readme.indexOf('\n## ', start + 1);
      const section = readme.slice(start, end === -1 ? undefined : end);
      const documented = [...section.matchAll(/^\| `(\w+)[^`]*` \|/gm)].map((m) => m[1]);
      assert.deepEqual(documented, commands);
      const docs = readFileSync(join(root, 'docs/org-config.md'), 'utf8');
      assert.deepEqual(
        [...docs.matchAll(/^\| `closer-config (\w+)[^`]*` \|/gm)].map((m) => m[1]),
        commands,
      );
      assert.deepEqual(
        [...docs.matchAll(/^\| `(\d+)` \|/gm)].map((m) => m[1]),
        exitCodes,
      );
      assert.deepEqual(exitCodes, ['0', '1', '2', '3', '4', '5']);
    });

    test('each command has its own --help', async () => {
      for (const [command, option] of [
        ['pull', '--org <id>'],
        ['validate', '--json'],
        ['diff', '--base-url <url>'],
        ['push', '-y, --yes'],
        ['hours', '--time-zone <zone>'],
      ]) {
        const { code, stdout } = await run([command, '--help']);
        assert.equal(code, 0, command);
        assert.match(stdout, new RegExp(`^Usage: closer-config ${command} `, 'm'));
        assert.ok(stdout.includes(option), `${command} --help shows ${option}`);
        assert.match(stdout, /Exit codes:/);
      }
    });

    test('usage errors exit 2', async () => {
      const unknown = await run(['fetch']);
      assert.equal(unknown.code, 2);
      assert.match(unknown.stderr, /unknown command 'fetch'/);
      assert.equal((await run(['validate'])).code, 2, 'missing argument');
      assert.equal((await run(['validate', 'x.json', '--colour'])).code, 2, 'unknown option');
      const both = await run(['diff', 'x.json', '--stage', '--base-url', api.url]);
      assert.equal(both.code, 2);
      assert.match(both.stderr, /'--stage' cannot be used with option '--base-url/);
      const timeout = await run(['pull', ...connection(), '--timeout', 'soon']);
      assert.equal(timeout.code, 2);
      assert.match(timeout.stderr, /--timeout <ms>.*expected milliseconds/);
      assert.equal(api.requests.length, 0);
    });

    test('a missing org or api key exits 2 and says what to set', async () => {
      const path = file('ok.json', example());
      const noOrg = await run(['diff', path, '--base-url', api.url]);
      assert.equal(noOrg.code, 2);
      assert.match(noOrg.stderr, /pass --org <org id> or set CLOSER_ORG_ID/);
      const noKey = await run(['diff', path, ...connection()], { env: { CLOSER_API_KEY: '' } });
      assert.equal(noKey.code, 2);
      assert.match(noKey.stderr, /no api key: set CLOSER_API_KEY/);
      const fromEnv = await run(['diff', path, '--base-url', api.url], { env: { CLOSER_ORG_ID: ORG_ID } });
      assert.equal(fromEnv.code, 0, fromEnv.stderr);
    });
  });

  describe('validate', () => {
    test('the example is valid (exit 0)', async () => {
      const { code, stdout } = await run(['validate', file('example.json', exampleText())]);
      assert.equal(code, 0);
      assert.equal(stdout, `${join(dir, 'example.json')}: valid\n`);
    });

    test('every problem with its path, and the unknown fields as a note (exit 1)', async () => {
      const config = changedExample();
      config.color = 'blue';
      config.autoCloseTimeoutSeconds = -5;
      config.workingHours[3].durationSeconds = 'long';
      const path = file('broken.json', config);
      const { code, stdout } = await run(['validate', path]);
      assert.equal(code, 1);
      assert.equal(
        stdout,
        [
          `${path}: 3 problems`,
          '  color: expected a hex colour like #fe7f00, got "blue"',
          '  workingHours[3].durationSeconds: expected a number, got "long"',
          '  autoCloseTimeoutSeconds: must be 0 or more, got -5',
          'note: 1 field the schema does not know, kept as is: ticketsEnabled',
          '',
        ].join('\n'),
      );
      assert.doesNotMatch(stdout, ANSI, 'no colour when stdout is not a terminal');
    });

    test('the docs’ example: legacy names named with the client’s field, the required fields it lacks listed (exit 1)', async () => {
      const path = file('docs-example.json', docsExampleText());
      const { code, stdout } = await run(['validate', path]);
      assert.equal(code, 1);
      assert.match(stdout, /^.*docs-example\.json: \d+ problems$/m);
      assert.match(stdout, /^ {2}zoneId: required: the field is missing \(expected a string\)$/m);
      assert.match(
        stdout,
        /^warning: .*docs-example\.json: callsDisabled: a legacy name from the docs: Closer’s typed client calls it callsEnabled/m,
      );
      assert.match(stdout, /^warning: .*: phonePrefix: .*calls it phoneRegion/m);
      assert.match(stdout, /^note: apply accepts a file without a required field when the live configuration has it$/m);
      // apply takes them from the live configuration, which has them.
      const pushed = await run(['push', path, ...connection(), '--yes']);
      assert.equal(pushed.code, 0, pushed.stderr);
      assert.equal(JSON.parse(puts()[0].body).zoneId, example().zoneId);
    });

    test('--json for scripts', async () => {
      const path = file('broken.json', { ...example(), reportsEnabled: 'no', extra: 1 });
      const { code, stdout } = await run(['validate', path, '--json']);
      assert.equal(code, 1);
      const result = JSON.parse(stdout);
      assert.equal(result.valid, false);
      assert.deepEqual(
        result.problems.map((p) => [p.path, p.segments]),
        [['reportsEnabled', ['reportsEnabled']]],
      );
      assert.deepEqual(result.unknownFields, ['extra']);
    });

    test('not JSON is one problem (exit 1); a missing file is a usage error (exit 2)', async () => {
      const bad = await run(['validate', file('bad.json', '{ "color": ')]);
      assert.equal(bad.code, 1);
      assert.match(bad.stdout, /1 problem\n {2}\$: not valid JSON/);
      const missing = await run(['validate', 'nowhere.json']);
      assert.equal(missing.code, 2);
      assert.match(missing.stderr, /cannot read nowhere\.json: no such file/);
    });
  });

  describe('pull', () => {
    test('writes the live configuration to a file, exactly, with the key in the header', async () => {
      const { code, stderr } = await run(['pull', 'live.json', ...connection()]);
      assert.equal(code, 0, stderr);
      assert.equal(readFileSync(join(dir, 'live.json'), 'utf8'), exampleText());
      assert.match(stderr, new RegExp(`Wrote the configuration of ${where()} to live\\.json \\(${FIELDS} fields\\)`));
      assert.equal(api.requests[0].headers['x-api-key'], ADMIN_KEY);
      assert.equal(api.requests[0].method, 'GET');
    });

    test('without a file, to stdout; --json summarises a file written', async () => {
      const toStdout = await run(['pull', ...connection()]);
      assert.equal(toStdout.code, 0);
      assert.equal(toStdout.stdout, exampleText());
      const summary = await run(['pull', 'again.json', ...connection(), '--json']);
      assert.deepEqual(JSON.parse(summary.stdout), {
        file: 'again.json',
        fields: FIELDS,
        valid: true,
        problems: [],
        warnings: [],
        unknownFields: [],
      });
      const nowhere = await run(['pull', 'no/such/dir/live.json', ...connection()]);
      assert.equal(nowhere.code, 2);
      assert.match(nowhere.stderr, /cannot write no\/such\/dir\/live\.json: ENOENT/);
    });

    test('a live configuration the schema refuses is saved anyway, with a warning', async () => {
      api.state.config = { ...example(), color: 'rebeccapurple' };
      const { code, stderr } = await run(['pull', 'odd.json', ...connection()]);
      assert.equal(code, 0);
      assert.equal(JSON.parse(readFileSync(join(dir, 'odd.json'), 'utf8')).color, 'rebeccapurple');
      assert.match(
        stderr,
        /warning: the live configuration does not pass this version’s schema[\s\S]*color: expected a hex colour/,
      );
    });
  });

  describe('diff', () => {
    test('field by field, from the live configuration to the file (exit 1)', async () => {
      const path = file('changed.json', changedExample());
      const { code, stdout, stderr } = await run(['diff', path, ...connection()]);
      assert.equal(code, 1, stderr);
      assert.equal(
        stdout,
        [
          `6 differences from the live configuration (${where()}) to ${path}:`,
          '  ~ color: "#fe7f00" → "#0055ff"',
          '  - allowedAttachmentExtensions[13]: ".key"',
          '  + allowedAttachmentExtensions[16]: ".webp"',
          '  ~ welcomeMessageEn: "Dzień dobry, witamy w Tutum Insurance!" → "Good morning, welcome to Tutum Insurance!"',
          '  ~ workingHours[1].durationSeconds: 8100 → 9000',
          '  + ticketsEnabled: true  (not a documented field)',
          '3 changed, 2 added, 1 removed',
          '',
        ].join('\n'),
      );
      assert.deepEqual(
        api.requests.map((r) => r.method),
        ['GET'],
        'diff never writes',
      );
    });

    test('no differences: exit 0', async () => {
      const { code, stdout } = await run(['diff', file('same.json', exampleText()), ...connection()]);
      assert.equal(code, 0);
      assert.match(stdout, /^No differences: .*same\.json matches the live configuration/);
    });

    test('a field only the server has is reported as kept, not as a difference', async () => {
      api.state.config = { ...example(), serverOnly: 42 };
      const { code, stdout } = await run(['diff', file('same.json', exampleText()), ...connection()]);
      assert.equal(code, 0);
      assert.match(stdout, /Only on the server, kept by push: serverOnly/);
    });

    test('--json lists the differences with before and after', async () => {
      const { code, stdout } = await run(['diff', file('changed.json', changedExample()), ...connection(), '--json']);
      assert.equal(code, 1);
      const result = JSON.parse(stdout);
      assert.equal(result.valid, true);
      assert.deepEqual(result.differences[0], {
        kind: 'changed',
        path: 'color',
        segments: ['color'],
        before: '#fe7f00',
        after: '#0055ff',
      });
      assert.equal(result.differences.length, 6);
    });

    test('an invalid file is still compared, with a warning that push would refuse it', async () => {
      const { code, stdout, stderr } = await run([
        'diff',
        file('bad-color.json', { ...example(), color: 'nope' }),
        ...connection(),
      ]);
      assert.equal(code, 1);
      assert.match(stderr, /push would refuse this file[\s\S]*color: expected a hex colour/);
      assert.match(stdout, /~ color: "#fe7f00" → "nope"/);
    });
  });

  describe('push', () => {
    test('--yes: shows the differences and PUTs the file', async () => {
      const { code, stdout, stderr } = await run([
        'push',
        file('changed.json', changedExample()),
        ...connection(),
        '--yes',
      ]);
      assert.equal(code, 0, stderr);
      assert.match(stdout, /^6 changes to the live configuration/);
      assert.match(stdout, /~ color: "#fe7f00" → "#0055ff"/);
      assert.match(stdout, new RegExp(`Pushed 6 changes to ${where()}\\.\\n$`));
      assert.equal(puts().length, 1);
      assert.equal(puts()[0].headers['x-api-key'], ADMIN_KEY);
      assert.deepEqual(JSON.parse(puts()[0].body), changedExample());
      assert.deepEqual(api.state.config, changedExample());
    });

    test('a field only the server has is sent back unchanged', async () => {
      api.state.config = { ...example(), serverOnly: { since: '2026' } };
      const { code } = await run(['push', file('changed.json', changedExample()), ...connection(), '--yes']);
      assert.equal(code, 0);
      assert.deepEqual(JSON.parse(puts()[0].body).serverOnly, { since: '2026' });
      assert.deepEqual(Object.keys(JSON.parse(puts()[0].body)).at(-1), 'serverOnly');
    });

    test('refuses an invalid file: lists the problems, sends nothing (exit 1)', async () => {
      const { code, stdout, stderr } = await run([
        'push',
        file('bad.json', { ...example(), origin: ['https://a.example/'] }),
        ...connection(),
        '--yes',
      ]);
      assert.equal(code, 1);
      assert.match(stdout, /origin\[0\]: expected "\*" or an origin/);
      assert.match(stderr, /Nothing was sent/);
      assert.equal(api.requests.length, 0);
    });

    test('without --yes and stdin not a terminal: refuses before any request (exit 2)', async () => {
      const { code, stderr } = await run(['push', file('changed.json', changedExample()), ...connection()], {
        input: 'y\n',
      });
      assert.equal(code, 2);
      assert.match(stderr, /refusing to push without confirmation: stdin is not a terminal.*--yes/);
      assert.equal(api.requests.length, 0);
    });

    test('nothing to push: no PUT (exit 0)', async () => {
      const { code, stdout } = await run(['push', file('same.json', exampleText()), ...connection(), '--yes']);
      assert.equal(code, 0);
      assert.match(stdout, /^Nothing to push/);
      assert.equal(puts().length, 0);
    });

    test('--json: the result on stdout, the differences for people on stderr', async () => {
      const { code, stdout, stderr } = await run([
        'push',
        file('changed.json', changedExample()),
        ...connection(),
        '--yes',
        '--json',
      ]);
      assert.equal(code, 0);
      const result = JSON.parse(stdout);
      assert.equal(result.version, 1);
      assert.equal(result.command, 'apply');
      assert.equal(result.targets.length, 1);
      assert.equal(result.targets[0].status, 'applied');
      assert.equal(result.targets[0].differences.length, 6);
      assert.match(stderr, /6 changes to the live configuration/);
    });

    test('an adviser key without admin permission: exit 3, says which key is needed', async () => {
      const { code, stderr } = await run(['push', file('changed.json', changedExample()), ...connection(), '--yes'], {
        env: { CLOSER_API_KEY: READ_KEY },
      });
      assert.equal(code, 3);
      assert.match(stderr, /403.*updating needs the api key of an adviser with admin permission/);
    });

    test(
      'in a terminal it asks; "y" pushes, anything else does not',
      { skip: !hasScript && 'needs util-linux `script` for a pseudo-terminal' },
      async () => {
        const path = file('changed.json', changedExample());
        const env = { NO_COLOR: '1' };
        const no = await runInTerminal(['push', path, ...connection()], { input: 'n\n', env });
        assert.equal(no.code, 1, no.output);
        assert.match(no.output, /Push 6 changes to org .*\? \[y\/N\] /);
        assert.match(no.output, /Not pushed\./);
        assert.equal(puts().length, 0);

        const yes = await runInTerminal(['push', path, ...connection()], { input: 'y\n', env });
        assert.equal(yes.code, 0, yes.output);
        assert.match(yes.output, /Pushed 6 changes/);
        assert.equal(puts().length, 1);
        assert.deepEqual(
          api.requests.map((r) => r.method),
          ['GET', 'GET', 'GET', 'PUT', 'GET'],
          'read again after the answer, before writing (and read back after it)',
        );
      },
    );
  });

  describe('plan, apply and drift on one file', () => {
    test('exit 0 / 2 / 1; pull records the base, so a change made on the server since is refused (--force overrides)', async () => {
      assert.equal((await run(['pull', 'org.json', ...connection()])).code, 0);
      assert.ok(
        readFileSync(join(dir, 'closer-config.state.json'), 'utf8').includes(ORG_ID),
        'the base beside the file',
      );
      assert.equal((await run(['plan', 'org.json', ...connection()])).code, 0);
      const edited = { ...example(), color: '#0055ff' };
      file('org.json', edited);
      const plan = await run(['plan', 'org.json', ...connection(), '--json']);
      assert.equal(plan.code, 2);
      const [target] = JSON.parse(plan.stdout).targets;
      assert.deepEqual(
        [target.target, target.org, target.status, target.base],
        ['org.json', null, 'changes', 'unchanged'],
      );
      assert.equal((await run(['plan', 'org.json', '--org', ORG_ID, '--base-url', 'http://127.0.0.1:1'])).code, 1);

      api.state.config = { ...example(), autoAssignedLimit: 9 };
      const refused = await run(['apply', 'org.json', ...connection(), '--yes']);
      assert.equal(refused.code, 1);
      assert.match(
        refused.stdout,
        /Refused: .*would undo one of those changes:\n {4}field +base +file +live\n {4}autoAssignedLimit +4 +4 +9/,
      );
      assert.equal(puts().length, 0);
      const drift = await run(['drift', 'org.json', ...connection()]);
      assert.equal(drift.code, 2);
      assert.match(drift.stdout, /changed on the server since the base/);
      const forced = await run(['apply', 'org.json', ...connection(), '--yes', '--force']);
      assert.equal(forced.code, 0, forced.stderr);
      assert.equal(api.state.config.autoAssignedLimit, 4);
      assert.equal((await run(['drift', 'org.json', ...connection()])).code, 0);
    });

    test('without a base (never pulled), apply says it cannot tell a lost update and goes on', async () => {
      file('fresh.json', { ...example(), color: '#0055ff' });
      const plan = await run(['plan', 'fresh.json', ...connection()]);
      assert.equal(plan.code, 2);
      assert.match(plan.stdout, /no base snapshot: pull to record one/);
      const applied = await run(['apply', 'fresh.json', ...connection(), '--yes']);
      assert.equal(applied.code, 0);
      assert.match(
        applied.stdout,
        /No base snapshot for fresh\.json: a change made on the server since cannot be told/,
      );
    });
  });

  describe('errors and exit codes', () => {
    const path = () => file('same.json', exampleText());

    test('401 → 3, 404 → 4, 500 → 5, refused → 5, timeout → 5', async () => {
      const unauthorized = await run(['diff', path(), ...connection()], { env: { CLOSER_API_KEY: 'not-a-real-key' } });
      assert.equal(unauthorized.code, 3);
      assert.match(unauthorized.stderr, /^closer-config: GET .*: 401 .*the api key was not accepted/);

      const notFound = await run([
        'diff',
        path(),
        '--org',
        '00000000-0000-0000-0000-000000000000',
        '--base-url',
        api.url,
      ]);
      assert.equal(notFound.code, 4);
      assert.match(notFound.stderr, /no organisation 00000000-0000-0000-0000-000000000000/);

      for (let i = 0; i < 3; i++) api.next((req, res) => api.send(res, 502, { message: 'bad gateway' }));
      const server = await run(['pull', ...connection()]);
      assert.equal(server.code, 5);
      assert.match(server.stderr, /502.*the server failed/);

      const refused = await run(['pull', '--org', ORG_ID, '--base-url', `http://127.0.0.1:${await closedPort()}`]);
      assert.equal(refused.code, 5);
      assert.match(refused.stderr, /could not reach/);

      api.requests.length = 0;
      for (let i = 0; i < 3; i++) api.next(() => {});
      const slow = await run(['pull', ...connection(), '--timeout', '200']);
      assert.equal(slow.code, 5);
      assert.match(slow.stderr, /within 200 ms/);
    });

    test('a bad org id or base URL is a usage error (2)', async () => {
      const badOrg = await run(['pull', '--org', 'acme', '--base-url', api.url]);
      assert.equal(badOrg.code, 2);
      assert.match(badOrg.stderr, /orgId must be the organisation's id, a UUID/);
      const plainHttp = await run(['pull', '--org', ORG_ID, '--base-url', 'http://spinner.closer.app']);
      assert.equal(plainHttp.code, 2);
    });

    test('the api key is never printed: not from the env, not from --api-key, not when the server echoes it', async () => {
      const echo = (req, res) => api.send(res, 400, { message: `bad key ${req.headers['x-api-key']}` });
      api.next(echo);
      const fromEnv = await run(['pull', ...connection()]);
      assert.equal(fromEnv.code, 5);
      assert.match(fromEnv.stderr, /bad key \[redacted\]/);
      assert.ok(!`${fromEnv.stdout}${fromEnv.stderr}`.includes(ADMIN_KEY));

      api.next(echo);
      const fromFlag = await run(['pull', ...connection(), '--api-key', READ_KEY], { env: { CLOSER_API_KEY: '' } });
      assert.equal(fromFlag.code, 5);
      assert.match(fromFlag.stderr, /warning: --api-key leaves the key in your shell history/);
      assert.ok(!`${fromFlag.stdout}${fromFlag.stderr}`.includes(READ_KEY));
      assert.equal(api.requests.at(-1).headers['x-api-key'], READ_KEY, 'the flag’s key was used');
    });
  });

  describe('hours', () => {
    test('prints the week as a table, in UTC or at an offset', async () => {
      // The docs' example has no zoneId: UTC unless told otherwise.
      const path = file('example.json', docsExampleText());
      const local = await run(['hours', path, '--utc-offset', '+02:00']);
      assert.equal(local.code, 0);
      assert.equal(
        local.stdout,
        [
          `Working hours in ${path}, shown in UTC+02:00:`,
          '  Day  Open',
          '  Mon  00:00–00:15',
          '  Tue  08:00–10:15',
          '  Wed  closed',
          '  Thu  00:00–00:15',
          '  Fri  closed',
          '  Sat  18:15–23:59',
          '  Sun  closed',
          'Open 8 h 29 min a week. 7 entries, 3 of them duration-0 "closed" markers.',
          'Offsets are read as seconds from Monday 00:00 UTC; --utc-offset or --time-zone shift the view.',
          '',
        ].join('\n'),
      );
      const utc = await run(['hours', path]);
      assert.match(utc.stdout, /shown in UTC:\n[\s\S]* {2}Sun {2}22:00–22:15\n/);
    });

    test('--json and --time-zone', async () => {
      const { code, stdout } = await run([
        'hours',
        file('example.json', exampleText()),
        '--time-zone',
        'Asia/Tokyo',
        '--json',
      ]);
      assert.equal(code, 0);
      const result = JSON.parse(stdout);
      assert.equal(result.utcOffsetMinutes, 540);
      assert.deepEqual(result.days[0], { day: 'Mon', open: [{ start: '07:00', end: '07:15' }] });
      assert.equal(result.openSecondsPerWeek, 30540);
    });

    test('invalid working hours exit 1; a bad zone or offset exits 2', async () => {
      const config = example();
      config.workingHours[0].durationSeconds = -1;
      const bad = await run(['hours', file('bad-hours.json', config)]);
      assert.equal(bad.code, 1);
      assert.match(bad.stdout, /workingHours\[0\]\.durationSeconds: must be 0 or more, got -1/);
      assert.equal((await run(['hours', file('example.json', exampleText()), '--utc-offset', 'noon'])).code, 2);
      const zone = await run(['hours', file('example.json', exampleText()), '--time-zone', 'Atlantis/Capital']);
      assert.equal(zone.code, 2);
      assert.match(zone.stderr, /unknown time zone "Atlantis\/Capital"/);
    });
  });

  describe('colour', { skip: !hasScript && 'needs util-linux `script` for a pseudo-terminal' }, () => {
    test('coloured in a terminal, plain with NO_COLOR', async () => {
      const path = file('changed.json', changedExample());
      const coloured = await runInTerminal(['diff', path, ...connection()]);
      assert.equal(coloured.code, 1);
      assert.match(coloured.output, ANSI);
      const plain = await runInTerminal(['diff', path, ...connection()], { env: { NO_COLOR: '1' } });
      assert.equal(plain.code, 1);
      assert.doesNotMatch(plain.output, ANSI);
      assert.match(plain.output, /~ color: "#fe7f00" → "#0055ff"/);
    });
  });
});
