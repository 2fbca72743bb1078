/**
 * Working hours in an IANA time zone, one real week at a time. The stored entries are
 * seconds from Monday 00:00 UTC (see ./working-hours.ts), fixed in UTC; shown in a
 * zone with daylight saving time, they read differently in summer and in winter, and
 * within the week of a change, differently before and after it. So the week shown is
 * a real one (the week of `week`, default now), and every instant is turned into wall
 * time with the zone's offset *at that instant*, through `Intl` (no dependency).
 *
 * Writing works the same way round: a wall-clock opening of that week becomes the UTC
 * instant it falls on, so `hoursFromZonedWeek` then `zonedWeek` of the same week gives
 * back the same openings, daylight-saving change or not.
 */
import type { WorkingHoursEntry } from './schema.js';
import {
  DAY_SECONDS,
  FIRST_MONDAY_SECONDS,
  WEEKDAYS,
  formatTime,
  formatUtcOffset,
  invalid,
  mergeRanges,
  openingsOf,
  resolveUtcOffsetMinutes,
  type OpeningInterval,
  type WeeklySchedule,
} from './working-hours.js';
import { WEEK_SECONDS } from './schema.js';

const DAY_MS = DAY_SECONDS * 1000;
const WEEK_MS = WEEK_SECONDS * 1000;

export interface ZonedWeekOptions {
  /** The IANA zone, e.g. the configuration's `zoneId`. */
  readonly timeZone: string;
  /** Any instant of the week to show (default: now). */
  readonly week?: Date;
}

/** A change of the zone's UTC offset within the week. */
export interface OffsetChange {
  /** `Sun 2025-03-30 03:00`: the wall time right after the change. */
  readonly at: string;
  readonly from: string;
  readonly to: string;
}

export interface ZonedWeek {
  readonly timeZone: string;
  /** The Monday of the week, `2025-03-24`. */
  readonly monday: string;
  readonly days: WeeklySchedule;
  /** The zone's offset at the start of the week, `UTC+01:00`, and in minutes east of UTC. */
  readonly offset: string;
  readonly offsetMinutes: number;
  readonly offsetChanges: readonly OffsetChange[];
}

const offsetMs = (timeZone: string, ms: number) => resolveUtcOffsetMinutes({ timeZone, at: new Date(ms) }) * 60_000;

/** The UTC instant of a wall-clock time (ms since the epoch, read as if UTC) in the zone. */
function wallToUtc(timeZone: string, wall: number): number {
  const first = wall - offsetMs(timeZone, wall);
  return wall - offsetMs(timeZone, first);
}

const isoDate = (wall: number) => new Date(wall).toISOString().slice(0, 10);

/** The week's local Monday 00:00 as wall time, and its eight midnights as UTC instants. */
function weekFrame(timeZone: string, week: Date) {
  if (Number.isNaN(week.getTime())) throw invalid('the week must be a valid date');
  resolveUtcOffsetMinutes({ timeZone, at: week }); // an unknown zone throws here, with its name
  const wall = week.getTime() + offsetMs(timeZone, week.getTime());
  const days = Math.floor(wall / DAY_MS);
  const monday = (days - ((days + 3) % 7)) * DAY_MS; // 1970-01-01 was a Thursday
  const midnights = Array.from({ length: 8 }, (_, i) => wallToUtc(timeZone, monday + i * DAY_MS));
  return { monday, midnights };
}

/** The openings of `entries` that fall within [from, to), as merged UTC intervals. */
function occurrences(entries: readonly WorkingHoursEntry[], from: number, to: number): [number, number][] {
  const found: [number, number][] = [];
  for (const { offsetSeconds, durationSeconds } of entries) {
    if (durationSeconds <= 0) continue;
    const first = (FIRST_MONDAY_SECONDS + offsetSeconds) * 1000;
    const length = durationSeconds * 1000;
    for (let k = Math.floor((from - first - length) / WEEK_MS); first + k * WEEK_MS < to; k++) {
      const start = Math.max(first + k * WEEK_MS, from);
      const end = Math.min(first + k * WEEK_MS + length, to);
      if (start < end) found.push([start, end]);
    }
  }
  return mergeRanges(found);
}

/** The entries as the real week of `week` in `timeZone`, Monday first, in wall-clock time. */
export function zonedWeek(
  entries: readonly WorkingHoursEntry[],
  { timeZone, week = new Date() }: ZonedWeekOptions,
): ZonedWeek {
  const { monday, midnights } = weekFrame(timeZone, week);
  const ranges = occurrences(entries, midnights[0], midnights[7]);
  const wallSeconds = (t: number, dayWall: number) => Math.round((t + offsetMs(timeZone, t) - dayWall) / 1000);
  const days = WEEKDAYS.map((day, i) => {
    const dayStart = midnights[i];
    const dayEnd = midnights[i + 1];
    const dayWall = monday + i * DAY_MS;
    const open: OpeningInterval[] = [];
    for (const [start, end] of ranges) {
      const from = Math.max(start, dayStart);
      const to = Math.min(end, dayEnd);
      if (from >= to) continue;
      open.push({
        start: formatTime(wallSeconds(from, dayWall)),
        end: to === dayEnd ? '24:00' : formatTime(wallSeconds(to, dayWall)),
      });
    }
    return { day, open };
  });
  const offsetChanges: OffsetChange[] = [];
  for (let i = 0; i < 7; i++) {
    const before = offsetMs(timeZone, midnights[i]);
    const after = offsetMs(timeZone, midnights[i + 1] - 1);
    if (before === after) continue;
    // Find the instant of the change within the day, to the millisecond.
    let low = midnights[i];
    let high = midnights[i + 1] - 1;
    while (high - low > 1) {
      const mid = Math.floor((low + high) / 2);
      if (offsetMs(timeZone, mid) === before) low = mid;
      else high = mid;
    }
    const wall = high + after;
    offsetChanges.push({
      at: `${WEEKDAYS[i]} ${isoDate(wall)} ${formatTime(Math.floor((wall % DAY_MS) / 1000))}`,
      from: formatUtcOffset(before / 60_000),
      to: formatUtcOffset(after / 60_000),
    });
  }
  return {
    timeZone,
    monday: isoDate(monday),
    days,
    offset: formatUtcOffset(offsetMs(timeZone, midnights[0]) / 60_000),
    offsetMinutes: offsetMs(timeZone, midnights[0]) / 60_000,
    offsetChanges,
  };
}

/**
 * A week of wall-clock openings in `timeZone` (the week of `week`) back to entries:
 * each opening at the UTC instant it falls on that week; openings that touch, across
 * midnight too, become one; offsets as the server writes them (local Monday 00:00 at
 * UTC+01:00 is -3600). No duration-0 markers.
 */
export function hoursFromZonedWeek(
  schedule: WeeklySchedule,
  { timeZone, week = new Date() }: ZonedWeekOptions,
): WorkingHoursEntry[] {
  const { monday } = weekFrame(timeZone, week);
  // Offsets count from Monday 00:00 UTC of the same calendar date as the local Monday.
  const utcMonday = monday;
  const ranges = openingsOf(schedule).map(({ dayIndex, from, to }): [number, number] => {
    const dayWall = monday + dayIndex * DAY_MS;
    return [
      (wallToUtc(timeZone, dayWall + from * 1000) - utcMonday) / 1000,
      (wallToUtc(timeZone, dayWall + to * 1000) - utcMonday) / 1000,
    ];
  });
  const merged = mergeRanges(ranges);
  // An opening that runs into the next Monday and one that starts it are one.
  const first = merged[0];
  const last = merged.at(-1);
  if (first && last && merged.length > 1 && last[1] >= first[0] + WEEK_SECONDS) {
    merged[merged.length - 1] = [last[0], Math.max(last[1], first[1] + WEEK_SECONDS)];
    merged.shift();
  }
  return merged.map(([start, end]) => ({ offsetSeconds: start, durationSeconds: end - start }));
}

/** `2026-01-08 22:00`: an instant (ms since the epoch) as wall time in the zone. */
export function formatInstant(ms: number, timeZone: string): string {
  const wall = ms + offsetMs(timeZone, ms);
  return new Date(wall).toISOString().slice(0, 16).replace('T', ' ');
}
