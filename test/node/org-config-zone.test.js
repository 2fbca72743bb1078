// Working hours in the organisation's zone (zoneId), through Intl: a real week, across
// a daylight-saving change; `hours --set` written in the zone and read back by `hours`;
// maintenance windows listed. Library functions and the CLI.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { formatHoursSpec, hoursFromZonedWeek, parseHoursSpec, zonedWeek } from 'closer-chat/org-config';
import { example } from './org-config-fake-api.js';
import { runCli } from './org-config-run.js';

const H = 3600;
const D = 24 * H;
// 2025-03-30 (a Sunday), 01:00 UTC: Europe/Warsaw goes from UTC+01:00 to UTC+02:00.
const SPRING_WEEK = new Date('2025-03-26T12:00:00Z');
// 2025-10-26 (a Sunday), 01:00 UTC: back from UTC+02:00 to UTC+01:00.
const AUTUMN_WEEK = new Date('2025-10-22T12:00:00Z');

let dir;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'closer-config-zone-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

const run = (args) => runCli(args, { cwd: dir });

describe('org-config hours in the org’s zone', () => {
  test('the same UTC entries read an hour later after the spring change, within one week', () => {
    // 07:00–15:00 UTC every day of the week (offsets from Monday 00:00 UTC).
    const entries = Array.from({ length: 7 }, (_, day) => ({ offsetSeconds: day * D + 7 * H, durationSeconds: 8 * H }));
    const week = zonedWeek(entries, { timeZone: 'Europe/Warsaw', week: SPRING_WEEK });
    assert.equal(week.monday, '2025-03-24');
    assert.equal(week.offset, 'UTC+01:00');
    assert.deepEqual(week.offsetChanges, [{ at: 'Sun 2025-03-30 03:00', from: 'UTC+01:00', to: 'UTC+02:00' }]);
    assert.deepEqual(
      week.days.map((d) => `${d.day} ${d.open.map((o) => `${o.start}-${o.end}`).join(' ')}`),
      [
        'Mon 08:00-16:00',
        'Tue 08:00-16:00',
        'Wed 08:00-16:00',
        'Thu 08:00-16:00',
        'Fri 08:00-16:00',
        'Sat 08:00-16:00',
        'Sun 09:00-17:00',
      ],
    );
    // The night of the change: 00:00–02:00 UTC is 01:00–04:00 on the wall clock (02:00 never happens).
    const night = zonedWeek([{ offsetSeconds: 6 * D, durationSeconds: 2 * H }], {
      timeZone: 'Europe/Warsaw',
      week: SPRING_WEEK,
    });
    assert.deepEqual(night.days[6].open, [{ start: '01:00', end: '04:00' }]);
    // In autumn the week is 169 hours long, and Sunday 02:00–03:00 happens twice.
    const autumn = zonedWeek([{ offsetSeconds: 6 * D, durationSeconds: 2 * H }], {
      timeZone: 'Europe/Warsaw',
      week: AUTUMN_WEEK,
    });
    assert.deepEqual(autumn.offsetChanges, [{ at: 'Sun 2025-10-26 02:00', from: 'UTC+02:00', to: 'UTC+01:00' }]);
    assert.deepEqual(autumn.days[6].open, [{ start: '02:00', end: '03:00' }]);
    // A zone without daylight saving: one offset all year.
    assert.deepEqual(zonedWeek(entries, { timeZone: 'Asia/Tokyo', week: SPRING_WEEK }).offsetChanges, []);
  });

  test('a spec written in the zone reads back the same, in a plain week and across both changes', () => {
    const spec = 'Mon-Fri 08:00-16:00, Sat 09:00-13:00, Sun 10:00-12:00';
    for (const week of [new Date('2025-06-04T12:00:00Z'), SPRING_WEEK, AUTUMN_WEEK, new Date('2025-12-31T23:30:00Z')]) {
      for (const timeZone of ['Europe/Warsaw', 'America/New_York', 'Australia/Sydney', 'UTC']) {
        const entries = hoursFromZonedWeek(parseHoursSpec(spec), { timeZone, week });
        assert.equal(
          formatHoursSpec(zonedWeek(entries, { timeZone, week }).days),
          spec,
          `${timeZone}, week of ${week.toISOString()}`,
        );
      }
    }
    // Stored as the server writes them: Monday 08:00 at UTC+01:00 is 07:00 UTC.
    assert.deepEqual(
      hoursFromZonedWeek(parseHoursSpec('Mon 00:00-08:00'), { timeZone: 'Europe/Warsaw', week: SPRING_WEEK }),
      [{ offsetSeconds: -H, durationSeconds: 8 * H }],
    );
  });

  test('the spec: ranges of days, several openings, continuing groups, closed days; mistakes named', () => {
    const week = parseHoursSpec('Mon-Wed 08:00-12:00 13:00 - 17:00, 18:00-19:00; Fri-Mon 10:00-11:00, Thu closed');
    assert.equal(
      formatHoursSpec(week),
      'Mon 08:00-12:00 13:00-17:00 18:00-19:00 10:00-11:00, Tue-Wed 08:00-12:00 13:00-17:00 18:00-19:00, Fri-Sun 10:00-11:00',
    );
    assert.throws(() => parseHoursSpec('Mon-Fry 08:00-16:00'), /"Fry" is not a day/);
    assert.throws(() => parseHoursSpec('08:00-16:00'), /expected a day or days first/);
    assert.throws(() => parseHoursSpec('Mon 8-16'), /not a time of day|not an opening/);
    assert.throws(() => parseHoursSpec(' '), /no hours given/);
  });

  test('hours --set writes workingHours in the file’s zoneId; hours shows exactly the spec', async () => {
    const path = join(dir, 'org.json');
    writeFileSync(path, `${JSON.stringify(example(), null, 2)}\n`);
    const spec = 'Mon-Fri 08:00-16:00, Sat 09:00-13:00';
    const set = await run(['hours', 'org.json', '--set', spec, '--week', '2025-03-26']);
    assert.equal(set.code, 0, set.stderr);
    assert.match(set.stderr, /^Wrote 6 working-hours entries to org\.json\.$/m);
    const written = JSON.parse(readFileSync(path, 'utf8'));
    assert.deepEqual(Object.keys(written), Object.keys(example()), 'the key order is kept');
    assert.deepEqual(written.workingHours[0], { offsetSeconds: 7 * H, durationSeconds: 8 * H });
    for (const week of ['2025-03-26', '2025-03-30']) {
      const shown = await run(['hours', 'org.json', '--week', week, '--json']);
      assert.equal(shown.code, 0);
      const result = JSON.parse(shown.stdout);
      assert.equal(result.timeZone, 'Europe/Warsaw');
      assert.equal(result.spec, spec, 'the round trip');
    }
    const table = await run(['hours', 'org.json', '--week', '2025-03-26']);
    assert.match(
      table.stdout,
      /^Working hours in org\.json, shown in Europe\/Warsaw \(its zoneId\), week of Mon 2025-03-24 \(UTC\+01:00\):$/m,
    );
    assert.match(table.stdout, /^ {2}Sat {2}09:00–13:00$/m);
    assert.match(table.stdout, /Europe\/Warsaw moves from UTC\+01:00 to UTC\+02:00 on Sun 2025-03-30 03:00/);
    assert.match(table.stdout, /^As --set takes it: Mon-Fri 08:00-16:00, Sat 09:00-13:00$/m);
    // The week after the change: the same UTC entries are an hour later on the wall clock.
    const summer = JSON.parse((await run(['hours', 'org.json', '--week', '2025-04-02', '--json'])).stdout);
    assert.equal(summer.spec, 'Mon-Fri 09:00-17:00, Sat 10:00-14:00');
  });

  test('hours lists the maintenance windows in the zone', async () => {
    const path = join(dir, 'windows.json');
    writeFileSync(path, JSON.stringify(example()));
    const { code, stdout } = await run(['hours', 'windows.json', '--week', '2026-01-08']);
    assert.equal(code, 0);
    assert.match(
      stdout,
      /^Maintenance windows \(Europe\/Warsaw\):\n {2}2026-01-08 22:00 → 2026-01-09 02:00 {2}Planned maintenance: the chat is back at 02:00\.$/m,
    );
    const json = JSON.parse((await run(['hours', 'windows.json', '--json', '--time-zone', 'UTC'])).stdout);
    assert.deepEqual(json.maintenanceWindows[0].fromLocal, '2026-01-08 21:00');
  });

  test('--set without a zone, or with both --time-zone and --utc-offset, is a usage error', async () => {
    const path = join(dir, 'nozone.json');
    const rest = example();
    delete rest.zoneId;
    writeFileSync(path, JSON.stringify(rest));
    const noZone = await run(['hours', 'nozone.json', '--set', 'Mon 09:00-17:00']);
    assert.equal(noZone.code, 2);
    assert.match(noZone.stderr, /has no zoneId to read "Mon 09:00-17:00" in: pass --time-zone/);
    const both = await run(['hours', 'nozone.json', '--time-zone', 'UTC', '--utc-offset', '+01:00']);
    assert.equal(both.code, 2);
    const offset = await run(['hours', 'nozone.json', '--set', 'Mon 09:00-17:00', '--utc-offset', '+02:00']);
    assert.equal(offset.code, 0, offset.stderr);
    assert.deepEqual(JSON.parse(readFileSync(path, 'utf8')).workingHours, [
      { offsetSeconds: 7 * H, durationSeconds: 8 * H },
    ]);
  });
});
