// closer-chat/org-config: the schema and validation, through the package's export
// (dist/ after the build). The schema follows Closer's typed client field for field;
// the complete example must pass unchanged; every problem of a broken file must be
// listed, each with its path; the docs' legacy names are named.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  CLIENT_FIELDS,
  DOCS_ONLY_FIELDS,
  LEGACY_FIELDS,
  REQUIRED_FIELDS,
  OrgConfigValidationError,
  orgConfigSchema,
  parseOrgConfig,
  validateOrgConfig,
  validateOrgConfigJson,
} from 'closer-chat/org-config';
import { docsExample, example, exampleText } from './org-config-fake-api.js';
import { typedClientFields } from './org-config-typed-client.js';

const byExampleOrder = (a, b) => Object.keys(example()).indexOf(a) - Object.keys(example()).indexOf(b);

const problemsOf = (input) => {
  const result = validateOrgConfig(input);
  assert.equal(result.ok, false, 'expected the configuration to be invalid');
  return result.problems;
};
const paths = (problems) => problems.map((p) => p.path);

describe('org-config schema', () => {
  test('knows every field of Closer’s typed client, in its order, and the example holds them all', () => {
    const client = typedClientFields();
    assert.ok(client.length > 0, 'read OrgConfig from @closerplatform/spinner-openapi');
    assert.deepEqual(
      [...CLIENT_FIELDS],
      client.map((f) => f.name),
    );
    assert.deepEqual(
      [...REQUIRED_FIELDS],
      client.filter((f) => f.required).map((f) => f.name),
    );
    assert.deepEqual(Object.keys(example()), [...CLIENT_FIELDS, ...DOCS_ONLY_FIELDS].sort(byExampleOrder));
  });

  test('the documented example validates, and round-trips byte for byte', () => {
    const text = exampleText();
    const result = validateOrgConfigJson(text);
    assert.equal(result.ok, true, JSON.stringify(result.problems));
    assert.deepEqual(result.unknownFields, []);
    assert.equal(`${JSON.stringify(result.config, null, 2)}\n`, text, 'same fields, same values, same order');
    assert.equal(orgConfigSchema.safeParse(example()).success, true, 'the zod schema alone accepts it too');
  });

  test('unknown fields survive, in their place, at the top and inside working hours', () => {
    const input = {};
    for (const [key, value] of Object.entries(example())) {
      input[key] = value;
      if (key === 'color') input.colorDark = '#101010';
    }
    input.workingHours[0] = { offsetSeconds: -7200, label: 'early', durationSeconds: 900 };
    input.newServerSetting = { nested: [1, 2] };
    const config = parseOrgConfig(input);
    assert.deepEqual(Object.keys(config), Object.keys(input));
    assert.deepEqual(config, input);
    assert.deepEqual(Object.keys(config.workingHours[0]), ['offsetSeconds', 'label', 'durationSeconds']);
    assert.notEqual(config, input, 'a copy, not the caller’s object');
    assert.deepEqual(validateOrgConfig(input).unknownFields, ['colorDark', 'newServerSetting']);
  });

  test('a broken file lists every problem with its path, in the file’s order', () => {
    const input = example();
    input.color = 'orange';
    input.cobrowseEnabled = 'yes';
    input.allowedAttachmentExtensions[2] = 'gif';
    input.maximumAttachmentSizeBytes = -1;
    input.origin = ['*', 'https://shop.example.com/', 'ftp://example.com'];
    input.baseUrl = 'not a url';
    input.workingHours[1].durationSeconds = -60;
    input.workingHours[2].offsetSeconds = 1.5;
    input.averageResponseTimeSlaRangeLowerBound = 400000;
    input.defaultStatusAfterLogin = 'busy';
    input.autoCloseTimeoutSeconds = 2.5;
    delete input.name;

    const problems = problemsOf(input);
    assert.deepEqual(paths(problems), [
      'cobrowseEnabled',
      'color',
      'allowedAttachmentExtensions[2]',
      'maximumAttachmentSizeBytes',
      'origin[1]',
      'origin[2]',
      'baseUrl',
      'workingHours[1].durationSeconds',
      'workingHours[2].offsetSeconds',
      'averageResponseTimeSlaRangeLowerBound',
      'autoCloseTimeoutSeconds',
      'defaultStatusAfterLogin',
      'name',
    ]);
    const message = (path) => problems.find((p) => p.path === path).message;
    assert.equal(message('color'), 'expected a hex colour like #fe7f00, got "orange"');
    assert.equal(message('cobrowseEnabled'), 'expected true or false, got "yes"');
    assert.match(message('allowedAttachmentExtensions[2]'), /starting with a dot.*got "gif"/);
    assert.equal(message('maximumAttachmentSizeBytes'), 'must be 0 or more, got -1');
    assert.match(message('origin[1]'), /no trailing slash/);
    assert.equal(message('workingHours[1].durationSeconds'), 'must be 0 or more, got -60');
    assert.equal(message('workingHours[2].offsetSeconds'), 'expected a whole number, got 1.5');
    assert.equal(
      message('averageResponseTimeSlaRangeLowerBound'),
      'must not exceed averageResponseTimeSlaRangeUpperBound (300000), got 400000',
    );
    assert.equal(
      message('defaultStatusAfterLogin'),
      'expected one of available, away, unavailable, unready, got "busy"',
    );
    assert.match(message('name'), /^required: the field is missing/);
    assert.deepEqual(problems.find((p) => p.path === 'workingHours[1].durationSeconds').segments, [
      'workingHours',
      1,
      'durationSeconds',
    ]);
  });

  test('each SLA lower bound must not exceed its upper bound; equal is fine', () => {
    const input = example();
    input.openedConversationsSlaRangeLowerBound = 5;
    input.waitingConversationsSlaRangeLowerBound = 30;
    assert.deepEqual(paths(problemsOf(input)), ['openedConversationsSlaRangeLowerBound']);
    assert.equal(orgConfigSchema.safeParse(input).success, false, 'the zod schema checks the ranges too');
  });

  test('colours: #rgb and #rrggbb only', () => {
    for (const [color, ok] of [
      ['#fff', true],
      ['#FE7F00', true],
      ['fe7f00', false],
      ['#fe7f0', false],
      ['#fe7f00ff', false],
      ['red', false],
    ]) {
      assert.equal(validateOrgConfig({ ...example(), color }).ok, ok, color);
    }
  });

  test('working hours: a duration over one week is refused', () => {
    const input = example();
    input.workingHours.push({ offsetSeconds: 0, durationSeconds: 604801 });
    assert.deepEqual(
      problemsOf(input).map((p) => [p.path, p.message]),
      [['workingHours[7].durationSeconds', 'must be 604800 or less, got 604801']],
    );
  });

  test('not an object, or not JSON: one problem at $', () => {
    assert.deepEqual(paths(problemsOf([])), ['$']);
    assert.deepEqual(paths(problemsOf(null)), ['$']);
    const result = validateOrgConfigJson('{\n  "color": "#fff",\n}');
    assert.equal(result.ok, false);
    assert.equal(result.problems.length, 1);
    assert.match(result.problems[0].message, /^not valid JSON \(line 3, column 1\)/);
  });

  test('parseOrgConfig throws one error that names every problem', () => {
    const input = { ...example(), color: 'blue', reportsEnabled: 1 };
    assert.throws(
      () => parseOrgConfig(input),
      (error) => {
        assert.ok(error instanceof OrgConfigValidationError);
        assert.equal(error.code, 'invalid-config');
        assert.deepEqual(paths(error.problems), ['color', 'reportsEnabled']);
        assert.match(
          error.message,
          /^\[closer-config\] the configuration is invalid \(2 problems\):\n {2}color: .*\n {2}reportsEnabled: /,
        );
        return true;
      },
    );
  });

  test('the docs’ legacy names are warnings that name the typed client’s field, not errors', () => {
    const result = validateOrgConfig({
      ...example(),
      callsDisabled: false,
      phonePrefix: 'PL',
      defaultAgentAvatarUrl: 'https://a.example/x.png',
    });
    assert.equal(result.ok, true);
    assert.deepEqual(result.unknownFields, [], 'legacy names are known');
    assert.deepEqual(
      result.warnings.map((w) => [w.path, w.message]),
      [
        [
          'callsDisabled',
          'a legacy name from the docs: Closer’s typed client calls it callsEnabled (the opposite meaning: callsEnabled true is callsDisabled false)',
        ],
        [
          'phonePrefix',
          'a legacy name from the docs: Closer’s typed client calls it phoneRegion (the same value, like PL)',
        ],
        [
          'defaultAgentAvatarUrl',
          'a legacy name from the docs: Closer’s typed client calls it defaultAgentAvatarToken (a token of an uploaded file, not its URL)',
        ],
      ],
    );
    assert.deepEqual(Object.keys(LEGACY_FIELDS).sort(), ['callsDisabled', 'defaultAgentAvatarUrl', 'phonePrefix']);
  });

  test('the docs’ own example: its legacy names warned, the fields the client requires and it lacks are problems', () => {
    const result = validateOrgConfig(docsExample());
    assert.equal(result.ok, false);
    const missing = REQUIRED_FIELDS.filter((field) => !(field in docsExample()));
    assert.ok(missing.length > 0);
    assert.deepEqual(result.problems.map((p) => p.path).sort(), [...missing].sort());
    assert.match(
      result.problems.find((p) => p.path === 'phoneRegion').message,
      /^required: the field is missing \(expected a string\) \(the file has the legacy phonePrefix: the same value, like PL\)$/,
    );
    assert.deepEqual(
      result.warnings.map((w) => w.path),
      ['callsDisabled', 'defaultAgentAvatarUrl', 'phonePrefix'],
    );
    // As a part (what apply completes with the live configuration), it is fine.
    assert.equal(validateOrgConfig(docsExample(), { partial: true }).ok, true);
  });
});
