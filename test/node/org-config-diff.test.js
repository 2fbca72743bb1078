// closer-chat/org-config: field-by-field differences and what a push sends.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { diffConfigs, jsonEqual, planPush } from 'closer-chat/org-config';
import { example } from './org-config-fake-api.js';

const brief = (differences) => differences.map((d) => `${d.kind} ${d.path}`);

describe('org-config diff', () => {
  test('equal configurations have no differences, whatever the key order', () => {
    const reordered = Object.fromEntries(Object.entries(example()).reverse());
    assert.ok(jsonEqual(example(), reordered));
    assert.deepEqual(diffConfigs(example(), reordered), []);
  });

  test('lists of plain values compare by member; a new order alone is one change', () => {
    const before = { origin: ['*', 'https://a.example'], tags: ['x', 'y'] };
    const after = { origin: ['https://a.example', 'https://b.example'], tags: ['y', 'x'] };
    assert.deepEqual(brief(diffConfigs(before, after)), ['removed origin[0]', 'added origin[1]', 'changed tags']);
  });

  test('lists of objects compare index by index, field by field', () => {
    const before = {
      workingHours: [
        { offsetSeconds: 0, durationSeconds: 60 },
        { offsetSeconds: 100, durationSeconds: 60 },
      ],
    };
    const after = { workingHours: [{ offsetSeconds: 0, durationSeconds: 90 }] };
    assert.deepEqual(diffConfigs(before, after), [
      {
        kind: 'changed',
        path: 'workingHours[0].durationSeconds',
        segments: ['workingHours', 0, 'durationSeconds'],
        before: 60,
        after: 90,
      },
      {
        kind: 'removed',
        path: 'workingHours[1]',
        segments: ['workingHours', 1],
        before: { offsetSeconds: 100, durationSeconds: 60 },
      },
    ]);
  });

  test('a push keeps every field only the server has, after the file’s own', () => {
    const live = { ...example(), serverOnly: true };
    const file = { ...example(), color: '#000000', fileOnly: 1 };
    const plan = planPush(live, file);
    assert.deepEqual(plan.keptFromServer, ['serverOnly']);
    assert.deepEqual(Object.keys(plan.body), [...Object.keys(file), 'serverOnly']);
    assert.deepEqual(brief(plan.differences), ['changed color', 'added fileOnly']);
  });
});
