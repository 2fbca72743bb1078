// closer-chat/org-config: working hours in human terms. Offsets are seconds from
// Monday 00:00 UTC; the documented example is a week at UTC+02:00 stored that way.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  OrgConfigError,
  formatUtcOffset,
  formatWeeklySchedule,
  fromWeeklySchedule,
  isOpen,
  openSecondsPerWeek,
  parseUtcOffset,
  parseWeeklySchedule,
  resolveUtcOffsetMinutes,
  toWeeklySchedule,
} from 'closer-chat/org-config';
import { example } from './org-config-fake-api.js';

const hours = () => example().workingHours;
const throwsSchedule = (fn, pattern) =>
  assert.throws(
    fn,
    (error) => error instanceof OrgConfigError && error.code === 'invalid-schedule' && pattern.test(error.message),
  );

describe('org-config working hours', () => {
  test('the example at UTC+02:00 reads as local days (duration-0 markers are closed days)', () => {
    assert.deepEqual(formatWeeklySchedule(toWeeklySchedule(hours(), { utcOffsetMinutes: 120 })), [
      'Mon 00:00–00:15',
      'Tue 08:00–10:15',
      'Wed closed',
      'Thu 00:00–00:15',
      'Fri closed',
      'Sat 18:15–23:59',
      'Sun closed',
    ]);
  });

  test('in UTC (the default) the negative offset wraps to the previous Sunday', () => {
    const week = toWeeklySchedule([{ offsetSeconds: -7200, durationSeconds: 900 }]);
    assert.deepEqual(week.find((d) => d.day === 'Sun').open, [{ start: '22:00', end: '22:15' }]);
    assert.deepEqual(
      week.filter((d) => d.open.length).map((d) => d.day),
      ['Sun'],
    );
  });

  test('an opening across midnight shows on both days, and across Sunday into Monday', () => {
    const lines = formatWeeklySchedule(
      toWeeklySchedule([
        { offsetSeconds: 4 * 86400 + 22 * 3600, durationSeconds: 4 * 3600 },
        { offsetSeconds: 6 * 86400 + 23 * 3600, durationSeconds: 2 * 3600 },
      ]),
    );
    assert.deepEqual(lines, [
      'Mon 00:00–01:00',
      'Tue closed',
      'Wed closed',
      'Thu closed',
      'Fri 22:00–24:00',
      'Sat 00:00–02:00',
      'Sun 23:00–24:00',
    ]);
  });

  test('an IANA zone uses its offset at the given instant (summer and winter differ)', () => {
    const summer = toWeeklySchedule(hours(), { timeZone: 'Europe/Warsaw', at: new Date('2025-07-01T12:00:00Z') });
    const winter = toWeeklySchedule(hours(), { timeZone: 'Europe/Warsaw', at: new Date('2025-01-15T12:00:00Z') });
    assert.deepEqual(summer[1].open, [{ start: '08:00', end: '10:15' }]);
    assert.deepEqual(winter[1].open, [{ start: '07:00', end: '09:15' }]);
    assert.equal(resolveUtcOffsetMinutes({ timeZone: 'Asia/Kolkata' }), 330);
    assert.equal(resolveUtcOffsetMinutes({ timeZone: 'UTC' }), 0);
    throwsSchedule(() => toWeeklySchedule(hours(), { timeZone: 'Mars/Olympus' }), /unknown time zone "Mars\/Olympus"/);
    throwsSchedule(() => resolveUtcOffsetMinutes({ timeZone: 'UTC', utcOffsetMinutes: 60 }), /not both/);
  });

  test('isOpen at instants inside, at the edges and outside the openings', () => {
    const entries = hours();
    // Tuesday 08:00–10:15 at UTC+02:00 is 06:00–08:15 UTC; 2025-07-01 was a Tuesday.
    assert.equal(isOpen(entries, new Date('2025-07-01T05:59:59Z')), false);
    assert.equal(isOpen(entries, new Date('2025-07-01T06:00:00Z')), true);
    assert.equal(isOpen(entries, new Date('2025-07-01T08:14:59Z')), true);
    assert.equal(isOpen(entries, new Date('2025-07-01T08:15:00Z')), false);
    // The -7200 entry: Sunday 22:00–22:15 UTC (2025-06-29 was a Sunday).
    assert.equal(isOpen(entries, new Date('2025-06-29T22:10:00Z')), true);
    // A duration-0 marker (165600: Tuesday 22:00 UTC) opens nothing.
    assert.equal(isOpen(entries, new Date('2025-07-01T22:00:00Z')), false);
    assert.equal(isOpen([{ offsetSeconds: 0, durationSeconds: 604800 }], new Date('2031-03-04T05:06:07Z')), true);
    throwsSchedule(() => isOpen(entries, new Date('nope')), /valid Date/);
  });

  test('schedule → entries → schedule round-trips, offsets written as the server does', () => {
    const local = toWeeklySchedule(hours(), { utcOffsetMinutes: 120 });
    const entries = fromWeeklySchedule(local, { utcOffsetMinutes: 120 });
    // The open entries of the example, its duration-0 markers dropped.
    assert.deepEqual(
      entries,
      hours().filter((e) => e.durationSeconds > 0),
    );
    assert.deepEqual(toWeeklySchedule(entries, { utcOffsetMinutes: 120 }), local);
  });

  test('text lines → entries: dashes or hyphens, several openings, overnight, missing days closed', () => {
    const week = parseWeeklySchedule('Mon 09:00–17:00\ntue 09:00-12:00, 13:00-17:00\nFri 22:00–02:00\nSun closed');
    assert.deepEqual(formatWeeklySchedule(week), [
      'Mon 09:00–17:00',
      'Tue 09:00–12:00, 13:00–17:00',
      'Wed closed',
      'Thu closed',
      'Fri 22:00–02:00',
      'Sat closed',
      'Sun closed',
    ]);
    assert.deepEqual(fromWeeklySchedule(week), [
      { offsetSeconds: 9 * 3600, durationSeconds: 8 * 3600 },
      { offsetSeconds: 86400 + 9 * 3600, durationSeconds: 3 * 3600 },
      { offsetSeconds: 86400 + 13 * 3600, durationSeconds: 4 * 3600 },
      { offsetSeconds: 4 * 86400 + 22 * 3600, durationSeconds: 4 * 3600 },
    ]);
    // At UTC-05:00, Monday 09:00 local is Monday 14:00 UTC.
    assert.equal(
      fromWeeklySchedule(parseWeeklySchedule(['Mon 09:00–10:00']), { utcOffsetMinutes: -300 })[0].offsetSeconds,
      14 * 3600,
    );
    // Touching openings, across Sunday midnight too, become one entry.
    assert.deepEqual(fromWeeklySchedule(parseWeeklySchedule('Sun 20:00–24:00\nMon 00:00–03:00')), [
      { offsetSeconds: 6 * 86400 + 20 * 3600, durationSeconds: 7 * 3600 },
    ]);
  });

  test('bad schedule text names the line and what was expected', () => {
    throwsSchedule(() => parseWeeklySchedule('Monday 9-5'), /"Monday 9-5": expected a day/);
    throwsSchedule(() => parseWeeklySchedule('Mon 09:00–25:00'), /"25:00" is not a time of day/);
    throwsSchedule(() => parseWeeklySchedule('Mon 09:00\nMon closed'), /is not an opening|given twice/);
    throwsSchedule(() => parseWeeklySchedule('Mon closed\nmon closed'), /Mon is given twice/);
    throwsSchedule(
      () => fromWeeklySchedule([{ day: 'Mon', open: [{ start: '09:00', end: '09:00' }] }]),
      /opens for no time/,
    );
    throwsSchedule(() => fromWeeklySchedule([{ day: 'Funday', open: [] }]), /"Funday" is not a day/);
  });

  test('UTC offsets parse and print both ways', () => {
    assert.equal(parseUtcOffset('+02:00'), 120);
    assert.equal(parseUtcOffset('-5'), -300);
    assert.equal(parseUtcOffset('UTC+05:30'), 330);
    assert.equal(parseUtcOffset('Z'), 0);
    assert.equal(formatUtcOffset(-210), 'UTC-03:30');
    assert.equal(formatUtcOffset(0), 'UTC');
    throwsSchedule(() => parseUtcOffset('+25:00'), /between -18:00 and \+18:00/);
    throwsSchedule(() => parseUtcOffset('two'), /not a UTC offset/);
  });

  test('open time per week counts overlaps once and ignores markers', () => {
    assert.equal(openSecondsPerWeek(hours()), 900 + 8100 + 900 + 20640);
    assert.equal(
      openSecondsPerWeek([
        { offsetSeconds: 0, durationSeconds: 3600 },
        { offsetSeconds: 1800, durationSeconds: 3600 },
      ]),
      5400,
    );
  });
});
