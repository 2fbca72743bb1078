// The JSON Schema `closer-config schema` prints, checked by an independent validator
// (ajv, draft 2020-12): it must agree with `validate` on the examples and on many
// mutated configurations. The checks JSON Schema cannot express are listed in
// CHECKS_BEYOND_JSON_SCHEMA; each is shown here to be the only kind of disagreement.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import Ajv2020 from 'ajv/dist/2020.js';
import {
  CHECKS_BEYOND_JSON_SCHEMA,
  LEGACY_FIELDS,
  REQUIRED_FIELDS,
  orgConfigJsonSchema,
  validateOrgConfig,
} from 'closer-chat/org-config';
import { docsExample, example } from './org-config-fake-api.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const ajv = new Ajv2020({ allErrors: true, strict: true });
const checkWhole = ajv.compile(orgConfigJsonSchema());
const checkPart = ajv.compile(orgConfigJsonSchema({ partial: true }));

const mutate = (change) => {
  const config = example();
  change(config);
  return config;
};

/** Each: a name and a change of the complete example. */
const MUTATIONS = [
  ['nothing', () => {}],
  ['color #fff', (c) => (c.color = '#fff')],
  ['color without #', (c) => (c.color = 'fe7f00')],
  ['color a name', (c) => (c.color = 'orange')],
  ['color 8 digits', (c) => (c.color = '#fe7f00ff')],
  ['color a number', (c) => (c.color = 0xfe7f00)],
  ['name empty', (c) => (c.name = '')],
  ['name missing', (c) => delete c.name],
  ['zoneId missing', (c) => delete c.zoneId],
  ['zoneId not a zone name', (c) => (c.zoneId = 'Europe Warsaw')],
  ['zoneId another zone', (c) => (c.zoneId = 'America/Argentina/Buenos_Aires')],
  ['maintenanceWindows missing', (c) => delete c.maintenanceWindows],
  ['maintenanceWindows empty', (c) => (c.maintenanceWindows = [])],
  ['maintenance window without message', (c) => delete c.maintenanceWindows[0].message],
  ['maintenance window from negative', (c) => (c.maintenanceWindows[0].from = -1)],
  ['maintenance window from a string', (c) => (c.maintenanceWindows[0].from = '2026-01-08')],
  ['maintenance window with an extra field', (c) => (c.maintenanceWindows[0].id = 7)],
  ['callPopoutMode tab', (c) => (c.callPopoutMode = 'tab')],
  ['callPopoutMode popup', (c) => (c.callPopoutMode = 'popup')],
  ['defaultStatusAfterLogin busy', (c) => (c.defaultStatusAfterLogin = 'busy')],
  ['defaultStatusAfterLogin away', (c) => (c.defaultStatusAfterLogin = 'away')],
  ['recordingValidityMinutes 1.5', (c) => (c.recordingValidityMinutes = 1.5)],
  ['recordingValidityMinutes -1', (c) => (c.recordingValidityMinutes = -1)],
  ['recordingEnabled "yes"', (c) => (c.recordingEnabled = 'yes')],
  ['customerNotify missing', (c) => delete c.customerNotify],
  ['phoneRegion a number', (c) => (c.phoneRegion = 48)],
  ['origin with a path', (c) => (c.origin = ['https://shop.example.com/'])],
  ['origin an ftp URL', (c) => (c.origin = ['ftp://example.com'])],
  ['origin two origins', (c) => (c.origin = ['https://a.example', 'http://localhost:8080'])],
  ['origin not an array', (c) => (c.origin = '*')],
  ['baseUrl relative', (c) => (c.baseUrl = '/insurance')],
  ['baseUrl with spaces', (c) => (c.baseUrl = 'https://ex ample.com')],
  ['attachment extension without a dot', (c) => (c.allowedAttachmentExtensions[0] = 'pdf')],
  ['attachment extension .tar.gz', (c) => c.allowedAttachmentExtensions.push('.tar.gz')],
  ['maximumAttachmentSizeBytes -1', (c) => (c.maximumAttachmentSizeBytes = -1)],
  ['meetingSlotSize absent', (c) => delete c.meetingSlotSize],
  ['workingHours entry duration over a week', (c) => (c.workingHours[0].durationSeconds = 604801)],
  ['workingHours entry offset a float', (c) => (c.workingHours[0].offsetSeconds = 1.5)],
  ['workingHours entry without duration', (c) => delete c.workingHours[0].durationSeconds],
  ['workingHours empty', (c) => (c.workingHours = [])],
  ['an unknown field', (c) => (c.ticketsEnabled = true)],
  ['a legacy name, well typed', (c) => (c.callsDisabled = false)],
  ['a legacy name, badly typed', (c) => (c.callsDisabled = 'no')],
  ['legacy defaultAgentAvatarUrl not a URL', (c) => (c.defaultAgentAvatarUrl = 'avatar.png')],
  ['$schema key', (c) => (c.$schema = './closer-config.schema.json')],
  ['not an object', () => {}],
];

describe('org-config JSON Schema', () => {
  test('an independent validator (ajv) agrees with validate on both examples', () => {
    assert.equal(validateOrgConfig(example()).ok, true);
    assert.equal(checkWhole(example()), true, JSON.stringify(checkWhole.errors));
    // The docs' own example lacks fields the client requires: both refuse it, for those fields.
    const docs = docsExample();
    const ours = validateOrgConfig(docs);
    assert.equal(ours.ok, false);
    assert.equal(checkWhole(docs), false);
    const missing = (checkWhole.errors ?? [])
      .filter((e) => e.keyword === 'required')
      .map((e) => e.params.missingProperty);
    assert.deepEqual(missing.sort(), ours.problems.map((p) => p.path).sort());
    assert.deepEqual(
      ours.warnings.map((w) => w.path),
      Object.keys(LEGACY_FIELDS),
    );
  });

  test(`agrees on ${MUTATIONS.length} mutated configurations, whole and as parts`, () => {
    assert.ok(MUTATIONS.length >= 30);
    let invalid = 0;
    for (const [name, change] of MUTATIONS) {
      const config = name === 'not an object' ? ['not', 'an', 'object'] : mutate(change);
      const ours = validateOrgConfig(config).ok;
      invalid += ours ? 0 : 1;
      assert.equal(
        checkWhole(config),
        ours,
        `whole: ${name}: validate says ${ours}, ajv ${JSON.stringify(checkWhole.errors)}`,
      );
      assert.equal(checkPart(config), validateOrgConfig(config, { partial: true }).ok, `part: ${name}`);
    }
    assert.ok(invalid >= 20 && invalid < MUTATIONS.length, `a mix of valid and invalid mutations (${invalid} invalid)`);
    // A part may leave out any field; a whole may not leave out a required one.
    const part = Object.fromEntries(Object.entries(example()).filter(([key]) => !REQUIRED_FIELDS.includes(key)));
    assert.equal(checkPart(part), true);
    assert.equal(checkWhole(part), false);
  });

  test('the checks it cannot express are the only disagreements, and they are listed', () => {
    const beyond = [
      mutate((c) => (c.openedConversationsSlaRangeLowerBound = 10)),
      mutate((c) => (c.maintenanceWindows[0].to = c.maintenanceWindows[0].from - 1)),
      mutate((c) => (c.zoneId = 'Mars/Olympus_Mons')),
      mutate((c) => (c.baseUrl = 'http://[::1')),
    ];
    assert.equal(beyond.length, CHECKS_BEYOND_JSON_SCHEMA.length);
    for (const config of beyond) {
      assert.equal(validateOrgConfig(config).ok, false);
      assert.equal(checkWhole(config), true, 'JSON Schema lets it pass');
    }
  });

  test('fields carry their descriptions; legacy names are marked deprecated', () => {
    const schema = orgConfigJsonSchema();
    assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
    assert.match(schema.properties.zoneId.description, /IANA name like Europe\/Warsaw/);
    assert.equal(schema.properties.callsDisabled.deprecated, true);
    assert.match(schema.properties.callsDisabled.description, /callsEnabled/);
    assert.deepEqual(schema.properties.callPopoutMode.enum, ['window', 'tab']);
    assert.deepEqual([...schema.required].sort(), [...REQUIRED_FIELDS].sort());
  });

  test('closer-config schema prints it, or writes it with --out; --partial for overlays', () => {
    const bin = join(root, 'bin', 'closer-config.js');
    const printed = spawnSync(process.execPath, [bin, 'schema'], { encoding: 'utf8' });
    assert.equal(printed.status, 0);
    assert.deepEqual(JSON.parse(printed.stdout), orgConfigJsonSchema());
    const partial = spawnSync(process.execPath, [bin, 'schema', '--partial'], { encoding: 'utf8' });
    assert.equal(JSON.parse(partial.stdout).required, undefined);
    const dir = mkdtempSync(join(tmpdir(), 'closer-config-schema-'));
    try {
      const out = join(dir, 'closer-config.schema.json');
      const written = spawnSync(process.execPath, [bin, 'schema', '--out', out], { encoding: 'utf8' });
      assert.equal(written.status, 0);
      assert.equal(written.stdout, '', 'the schema went to the file');
      assert.equal(readFileSync(out, 'utf8'), printed.stdout);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
