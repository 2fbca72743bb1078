// `closer-config` for a team: a workspace of environments and organisations, plan /
// apply / drift with their exit codes and --json shape, the lost update refused (and
// --force), backups and the read-back after a write, pull --merge, and api keys only
// from the environment, never printed or written. Against local stand-ins of the API
// (127.0.0.1), the CLI spawned as a process.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import { example, startFakeApi } from './org-config-fake-api.js';
import { runCli } from './org-config-run.js';

const KEY = { stage: 'stage-key-5e6f7a8b9c', prod: 'prod-key-1c2d3e4f5a' };
const ID = {
  'acme/stage': '11111111-1111-4111-8111-111111111111',
  'acme/prod': '22222222-2222-4222-8222-222222222222',
  'globex/prod': '33333333-3333-4333-8333-333333333333',
};

let apis;
let dir;

const live = (target) => apis[target.split('/')[1]].state.orgs[ID[target]];
const config = (name) => ({ ...example(), name });

before(async () => {
  apis = {
    stage: await startFakeApi({ orgs: {}, keys: { read: [], admin: [KEY.stage] } }),
    prod: await startFakeApi({ orgs: {}, keys: { read: [], admin: [KEY.prod] } }),
  };
});
after(async () => {
  await apis.stage.close();
  await apis.prod.close();
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'closer-config-ws-'));
  for (const api of Object.values(apis)) {
    api.requests.length = 0;
    for (const id of Object.keys(api.state.orgs)) delete api.state.orgs[id];
  }
  apis.stage.state.orgs[ID['acme/stage']] = { ...config('Acme'), widgetLogLevel: 'debug' };
  apis.prod.state.orgs[ID['acme/prod']] = config('Acme');
  apis.prod.state.orgs[ID['globex/prod']] = config('Globex');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const run = (args, { env = {} } = {}) =>
  runCli(args, { cwd: dir, env: { CLOSER_API_KEY_STAGE: KEY.stage, CLOSER_API_KEY_PROD: KEY.prod, ...env } });

const init = () =>
  run([
    'init',
    '--env',
    `stage=${apis.stage.url}`,
    '--env',
    `prod=${apis.prod.url}`,
    ...Object.entries(ID).flatMap(([target, id]) => ['--target', `${target}=${id}`]),
  ]);
const read = (file) => JSON.parse(readFileSync(join(dir, file), 'utf8'));
const write = (file, value) => {
  mkdirSync(join(dir, file, '..'), { recursive: true });
  writeFileSync(join(dir, file), `${JSON.stringify(value, null, 2)}\n`);
};
const edit = (file, changes) => write(file, { ...read(file), ...changes });
const puts = (env) => apis[env].requests.filter((r) => r.method === 'PUT');
/** Every file under the workspace folder, as text. */
const allFiles = () =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => readFileSync(join(e.parentPath ?? e.path, e.name), 'utf8'));

describe('closer-config workspace', () => {
  test('init pulls every target into a base, overlays and a state file; the files resolve to the live configurations', async () => {
    const { code, stdout, stderr } = await init();
    assert.equal(code, 0, stderr);
    assert.match(stdout, /Pulled 3 targets: acme\/stage, acme\/prod, globex\/prod\./);
    const workspace = read('closer-config.json');
    assert.deepEqual(workspace.environments.prod, { baseUrl: apis.prod.url, apiKeyEnv: 'CLOSER_API_KEY_PROD' });
    assert.deepEqual(workspace.organisations.acme.environments.stage.overlays, ['config/acme.stage.json']);
    // What every target shares is in the base; what differs is not.
    const base = read('config/base.json');
    assert.equal(base.color, example().color);
    assert.ok(!('name' in base) && !('widgetLogLevel' in base));
    assert.equal(read('config/acme.json').name, 'Acme');
    assert.deepEqual(read('config/acme.stage.json'), {
      $schema: '../closer-config.schema.json',
      widgetLogLevel: 'debug',
    });
    assert.deepEqual(Object.keys(read('closer-config.state.json').targets), ['acme/prod', 'acme/stage', 'globex/prod']);
    assert.match(readFileSync(join(dir, '.gitignore'), 'utf8'), /^closer-config\.backups\/$/m);
    // The files give back each live configuration: nothing to change anywhere.
    const plan = await run(['plan']);
    assert.equal(plan.code, 0, plan.stdout + plan.stderr);
    assert.match(plan.stdout, /Plan: 0 targets to change, 3 unchanged\./);
  });

  test('overlays: objects merge, arrays replace, the environment’s overlay last; the resolved result is what is sent', async () => {
    await init();
    edit('config/base.json', { origin: ['https://a.example', 'https://b.example'], color: '#111111' });
    edit('config/acme.json', { origin: ['https://acme.example'] });
    edit('config/acme.stage.json', { color: '#222222', extra: { nested: { kept: 1, over: 1 } } });
    edit('config/acme.json', { extra: { nested: { over: 2, more: 3 } } });
    const { code, stderr } = await run(['apply', '--org', 'acme', '--env', 'stage', '--yes']);
    assert.equal(code, 0, stderr);
    const sent = JSON.parse(puts('stage')[0].body);
    assert.deepEqual(sent.origin, ['https://acme.example'], 'an array replaces, never concatenates');
    assert.equal(sent.color, '#222222', 'the environment overlay wins');
    assert.deepEqual(sent.extra, { nested: { over: 1, more: 3, kept: 1 } }, 'objects merge key by key');
    assert.equal(sent.widgetLogLevel, 'debug');
    assert.ok(!('$schema' in sent), 'the editors’ $schema key is never sent');
    assert.equal(puts('prod').length, 0, '--env stage touches nothing else');
  });

  test('plan exits 0 without changes, 2 with changes, 1 on an error; --json has the documented versioned shape', async () => {
    await init();
    assert.equal((await run(['plan'])).code, 0);
    edit('config/base.json', { color: '#0055ff' });
    const changes = await run(['plan', '--json']);
    assert.equal(changes.code, 2, changes.stderr);
    const doc = JSON.parse(changes.stdout);
    assert.equal(doc.version, 1);
    assert.equal(doc.command, 'plan');
    assert.deepEqual(doc.summary, { targets: 3, changes: 3, noChanges: 0, applied: 0, errors: 0 });
    assert.deepEqual(Object.keys(doc.targets[0]), [
      'target',
      'org',
      'env',
      'orgId',
      'host',
      'files',
      'status',
      'problems',
      'warnings',
      'differences',
      'keptFromServer',
      'base',
      'liveChanges',
      'error',
    ]);
    assert.deepEqual(
      doc.targets.map((t) => [t.target, t.status, t.base, t.differences.map((d) => d.path)]),
      [
        ['acme/stage', 'changes', 'unchanged', ['color']],
        ['acme/prod', 'changes', 'unchanged', ['color']],
        ['globex/prod', 'changes', 'unchanged', ['color']],
      ],
    );
    // An error: a file that breaks the schema (1, not 2), and a refused key.
    edit('config/globex.json', { color: 'blue' });
    const invalid = await run(['plan']);
    assert.equal(invalid.code, 1);
    assert.match(
      invalid.stdout,
      /globex\/prod .*: 1 problem, not compared\n {2}config\/globex\.json: color: expected a hex colour/,
    );
    edit('config/globex.json', { color: '#123456' });
    const refusedKey = await run(['plan', '--org', 'acme'], { env: { CLOSER_API_KEY_PROD: 'not-the-key' } });
    assert.equal(refusedKey.code, 1, 'a 401 is 1 for plan, never 2');
    const json = JSON.parse(
      (await run(['plan', '--json', '--env', 'prod'], { env: { CLOSER_API_KEY_PROD: 'wrong' } })).stdout,
    );
    assert.deepEqual(
      json.targets.map((t) => [t.status, t.error.code]),
      [
        ['error', 'unauthorized'],
        ['error', 'unauthorized'],
      ],
    );
    // A usage error is 1 too (2 would read as "changes").
    assert.equal((await run(['plan', '--no-such-flag'])).code, 1);
    assert.equal((await run(['plan', '--env', 'qa'])).code, 1);
  });

  test('a lost update is refused with base, file and live field by field; --force overrides', async () => {
    await init();
    edit('config/acme.json', { welcomeMessageEn: 'Ours' });
    // Meanwhile, in the admin panel:
    Object.assign(live('acme/prod'), { welcomeMessageEn: 'Theirs', autoAssignedLimit: 9 });
    const refused = await run(['apply', '--org', 'acme', '--env', 'prod', '--yes']);
    assert.equal(refused.code, 1);
    assert.equal(puts('prod').length, 0, 'nothing was written');
    assert.match(refused.stdout, /Refused: acme\/prod .*would undo 2 of those changes/);
    const table = refused.stdout.split('\n').filter((l) => /^ {4}\S/.test(l));
    assert.match(table[0], /^ {4}field\s+base\s+file\s+live$/);
    assert.match(
      table.find((l) => l.includes('welcomeMessageEn')),
      /"Dzień dobry[^"]*"\s+"Ours"\s+"Theirs"\s+changed in the files too/,
    );
    assert.match(
      table.find((l) => l.includes('autoAssignedLimit')),
      /autoAssignedLimit\s+4\s+4\s+9\s+the files hold the base value/,
    );
    // plan says so before anyone applies.
    const plan = await run(['plan', '--org', 'acme', '--env', 'prod', '--json']);
    assert.equal(plan.code, 2);
    const [report] = JSON.parse(plan.stdout).targets;
    assert.equal(report.base, 'changed');
    assert.deepEqual(
      report.liveChanges.map((c) => [c.field, c.kind, c.base.value, c.file.value, c.live.value]),
      [
        ['welcomeMessageEn', 'conflict', example().welcomeMessageEn, 'Ours', 'Theirs'],
        ['autoAssignedLimit', 'stale', 4, 4, 9],
      ],
    );

    const forced = await run(['apply', '--org', 'acme', '--env', 'prod', '--yes', '--force']);
    assert.equal(forced.code, 0, forced.stderr);
    assert.match(forced.stdout, /--force: overwriting 2 changes made on the server since the base/);
    assert.equal(live('acme/prod').welcomeMessageEn, 'Ours');
    assert.equal(live('acme/prod').autoAssignedLimit, 4);
  });

  test('a change on the server in a field the files do not set is no lost update: kept, and apply goes on', async () => {
    await init();
    live('globex/prod').newServerSetting = true;
    edit('config/globex.json', { name: 'Globex Energy' });
    const { code, stdout } = await run(['apply', '--org', 'globex', '--yes']);
    assert.equal(code, 0, stdout);
    assert.equal(live('globex/prod').newServerSetting, true);
    assert.equal(live('globex/prod').name, 'Globex Energy');
  });

  test('pull --merge brings live changes into the target’s own file, leaves a conflict, and moves the base only when none is left', async () => {
    await init();
    edit('config/base.json', { color: '#0055ff' });
    Object.assign(live('globex/prod'), { color: '#e4002b', autoAssignedLimit: 7 });
    const merged = await run(['pull', '--merge', '--org', 'globex']);
    assert.equal(merged.code, 1, 'a conflict is left');
    assert.match(merged.stdout, /merged 1 live change into config\/globex\.prod\.json: autoAssignedLimit/);
    assert.match(merged.stdout, /1 conflict, left as they are/);
    assert.deepEqual(read('config/globex.prod.json'), { autoAssignedLimit: 7 }, 'a new file, only for globex/prod');
    assert.deepEqual(read('closer-config.json').organisations.globex.environments.prod.overlays, [
      'config/globex.prod.json',
    ]);
    assert.equal(read('config/base.json').color, '#0055ff', 'the shared file is not touched');
    assert.equal((await run(['apply', '--org', 'globex', '--yes'])).code, 1, 'still refused: the conflict');
    // Keep theirs: the files now agree with the server, the base moves.
    edit('config/globex.prod.json', { color: '#e4002b' });
    const again = await run(['pull', '--merge', '--org', 'globex']);
    assert.equal(again.code, 0, again.stdout);
    assert.match(again.stdout, /base snapshot recorded/);
    assert.equal(read('closer-config.state.json').targets['globex/prod'].config.color, '#e4002b');
    assert.equal((await run(['plan', '--org', 'globex'])).code, 0);
  });

  test('a backup before each write, and a read-back that reports what the server changed or ignored', async () => {
    await init();
    // This server drops a field it does not know, and trims the name.
    const api = apis.prod;
    api.requests.length = 0;
    const before = structuredClone(live('acme/prod'));
    api.next((req, res) => api.send(res, 200, live('acme/prod'))); // the GET of apply
    api.next((req, res, body) => {
      const stored = JSON.parse(body);
      delete stored.callsDisabled;
      stored.name = stored.name.trim();
      api.state.orgs[ID['acme/prod']] = stored;
      api.send(res, 200, stored);
    });
    edit('config/acme.json', { name: ' Acme  ', callsDisabled: true });
    const { code, stdout, stderr } = await run(['apply', '--org', 'acme', '--env', 'prod', '--yes']);
    assert.equal(code, 0, stderr);
    assert.match(
      stderr,
      /warning: config\/acme\.json: callsDisabled: a legacy name from the docs: Closer’s typed client calls it callsEnabled/,
    );
    const backups = readdirSync(join(dir, 'closer-config.backups'));
    assert.equal(backups.length, 1);
    assert.match(backups[0], /^acme\.prod\.\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z\.json$/);
    assert.deepEqual(
      read(join('closer-config.backups', backups[0])),
      before,
      'the live configuration before the write',
    );
    assert.match(
      stdout,
      new RegExp(
        `Backup of the live configuration before the write: closer-config\\.backups/${backups[0].replace(/\./g, '\\.')}`,
      ),
    );
    assert.match(
      stdout,
      /read back, the server holds 2 fields otherwise than sent \(changed or ignored by the server\):\n {4}~ name: " Acme {2}" → "Acme"\n {4}- callsDisabled: true/,
    );
    assert.deepEqual(
      apis.prod.requests.map((r) => r.method),
      ['GET', 'PUT', 'GET'],
      'read, write, read back',
    );
    // The base is what the server now holds: no lost update next time, and plan shows the difference that stays.
    assert.equal(read('closer-config.state.json').targets['acme/prod'].config.name, 'Acme');
    const plan = await run(['plan', '--org', 'acme', '--env', 'prod']);
    assert.equal(plan.code, 2);
    assert.doesNotMatch(plan.stdout, /apply would refuse/);
  });

  test('drift: exit 0 in sync, 2 on drift, telling server changes from unapplied files; 1 on error', async () => {
    await init();
    assert.equal((await run(['drift'])).code, 0);
    live('acme/stage').color = '#abcdef';
    edit('config/globex.json', { autoAssignedLimit: 2 });
    const { code, stdout } = await run(['drift']);
    assert.equal(code, 2);
    assert.match(
      stdout,
      /acme\/stage .*: drift, 1 difference[^\n]*\n {2}changed on the server since the base[^\n]*\n {4}~ color: "#abcdef" → "#fe7f00"/,
    );
    assert.match(
      stdout,
      /globex\/prod .*: drift, 1 difference[^\n]*\n {2}only in the files, not applied yet: apply sends them\n {4}~ autoAssignedLimit: 4 → 2/,
    );
    assert.match(stdout, /acme\/prod .*: no drift/);
    assert.match(stdout, /Drift: 2 of 3 targets\./);
    const json = JSON.parse((await run(['drift', '--json'])).stdout);
    assert.equal(json.drift, true);
    assert.equal(json.command, 'drift');
    assert.equal((await run(['drift'], { env: { CLOSER_API_KEY_STAGE: '' } })).code, 1);
  });

  test('keys come only from the variables the workspace names: never printed, never in a file', async () => {
    const echo = (req, res) => apis.prod.send(res, 400, { message: `bad key ${req.headers['x-api-key']}` });
    await init();
    edit('config/base.json', { color: '#0055ff' });
    apis.prod.next(echo);
    const outputs = [
      await run(['plan']),
      await run(['apply', '--yes']),
      await run(['drift', '--json']),
      await run(['pull', '--merge']),
    ];
    const printed = outputs.map((o) => o.stdout + o.stderr).join('\n');
    assert.match(printed, /bad key \[redacted\]/, 'the echoed key was scrubbed');
    for (const key of Object.values(KEY)) {
      assert.ok(!printed.includes(key), 'no key in any output');
      assert.ok(
        !allFiles().some((text) => text.includes(key)),
        'no key in the workspace, state, backups or config files',
      );
    }
    assert.ok(existsSync(join(dir, 'closer-config.backups')), 'backups were written (and checked above)');
    // No key in the environment: the target fails, naming the variable, not a value.
    const missing = await run(['plan', '--env', 'stage'], { env: { CLOSER_API_KEY_STAGE: '' } });
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /no api key for acme\/stage: set the environment variable CLOSER_API_KEY_STAGE/);
    // A workspace never takes a key on the command line, and refuses one written into it.
    const flag = await run(['plan', '--api-key', KEY.prod]);
    assert.equal(flag.code, 1);
    assert.match(flag.stderr, /--api-key is for a single file/);
    assert.ok(!flag.stderr.includes(KEY.prod));
    const workspace = read('closer-config.json');
    workspace.environments.prod.apiKey = 'prod-key-in-a-file';
    write('closer-config.json', workspace);
    const inFile = await run(['plan']);
    assert.equal(inFile.code, 1);
    assert.match(
      inFile.stderr,
      /environments\.prod: unknown key apiKey \(keys are never in files: name the environment variable in apiKeyEnv\)/,
    );
    assert.ok(!inFile.stderr.includes('prod-key-in-a-file'));
  });

  test('a field the client requires: refused when neither the files nor the server have it, fine when the server has it', async () => {
    await init();
    const base = read('config/base.json');
    delete base.zoneId;
    write('config/base.json', base);
    const fromServer = await run(['plan', '--org', 'acme', '--env', 'prod']);
    assert.equal(fromServer.code, 0, 'the server has zoneId: nothing to change');
    delete live('acme/prod').zoneId;
    const nowhere = await run(['apply', '--org', 'acme', '--env', 'prod', '--yes']);
    assert.equal(nowhere.code, 1);
    assert.match(
      nowhere.stdout,
      /zoneId: required: the field is missing \(expected a string\); the live configuration lacks it too/,
    );
    assert.equal(puts('prod').length, 0);
  });

  test('a file of the workspace that is not a configuration, or a workspace that is not one, is named', async () => {
    await init();
    writeFileSync(join(dir, 'config/acme.json'), '{ "name": ');
    const broken = await run(['plan', '--org', 'acme']);
    assert.equal(broken.code, 1);
    assert.match(broken.stdout, /config\/acme\.json: \$: not valid JSON/);
    write('closer-config.json', example());
    const notWorkspace = await run(['plan']);
    assert.equal(notWorkspace.code, 1);
    assert.match(
      notWorkspace.stderr,
      /closer-config\.json looks like an organisation’s configuration, not a workspace/,
    );
  });
});
