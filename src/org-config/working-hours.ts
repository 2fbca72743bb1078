/**
 * Working hours in human terms. The API stores `workingHours` as
 * `{ offsetSeconds, durationSeconds }` entries. This module reads them with these
 * assumptions (the API documents none of them; the example fits them exactly):
 *
 * - **Week start and zone.** `offsetSeconds` counts from **Monday 00:00 UTC**. A
 *   negative offset reaches back into the previous week (-7200 is Sunday 22:00 UTC),
 *   and every offset is taken modulo one week. The documented example is an admin's
 *   local week in UTC+02:00 stored this way: -7200 is Monday 00:00 at UTC+02:00.
 * - **Duration 0** opens nothing. The server writes such entries at local midnight of
 *   closed days. They are ignored here, and `fromWeeklySchedule` writes none.
 * - **Display zone.** By default UTC. Pass `utcOffsetMinutes`, or an IANA `timeZone`
 *   (read through `Intl`, no dependency) with the instant `at` whose offset to use
 *   (default now). The stored times are fixed in UTC, so in a zone with daylight
 *   saving the same entries show one hour apart in summer and in winter.
 *
 * Intervals are half-open: `09:00–17:00` is open at 09:00 and closed at 17:00.
 */
import { OrgConfigError } from './errors.js';
import { WEEK_SECONDS, type WorkingHoursEntry } from './schema.js';

export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Open from `start` to `end` on one day: `HH:MM` (or `HH:MM:SS`); `end` may be `24:00`. */
export interface OpeningInterval {
  readonly start: string;
  readonly end: string;
}

/** One day of the week; no interval means closed all day. */
export interface DaySchedule {
  readonly day: Weekday;
  readonly open: readonly OpeningInterval[];
}

/** Seven days, Monday first. */
export type WeeklySchedule = readonly DaySchedule[];

/** The zone to show the week in. Default: UTC. */
export interface DisplayZone {
  /** Minutes east of UTC: 120 for UTC+02:00, -300 for UTC-05:00. */
  readonly utcOffsetMinutes?: number;
  /** An IANA zone (`Europe/Warsaw`); its offset at `at` is used. */
  readonly timeZone?: string;
  /** The instant whose offset `timeZone` has (default: now). */
  readonly at?: Date;
}

export const DAY_SECONDS = 24 * 60 * 60;
/** 1970-01-05, the first Monday after the Unix epoch. */
export const FIRST_MONDAY_SECONDS = 4 * DAY_SECONDS;
const MAX_OFFSET_MINUTES = 18 * 60;

export const mod = (n: number, m: number) => ((n % m) + m) % m;
export const invalid = (message: string) => new OrgConfigError('invalid-schedule', `working hours: ${message}`);

/** `+02:00`, `-5`, `UTC+05:30`, `Z` → minutes east of UTC. */
export function parseUtcOffset(text: string): number {
  const trimmed = text.trim();
  if (/^(?:Z|UTC|GMT)$/i.test(trimmed)) return 0;
  const match = /^(?:UTC|GMT)?([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(trimmed);
  if (!match) throw invalid(`"${text}" is not a UTC offset: expected one like +02:00 or -05:00`);
  const minutes = (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3] ?? 0));
  if (Math.abs(minutes) > MAX_OFFSET_MINUTES || Number(match[3] ?? 0) >= 60) {
    throw invalid(`"${text}" is not a UTC offset between -18:00 and +18:00`);
  }
  return minutes;
}

/** `UTC+02:00`, `UTC-05:30`, `UTC`. */
export function formatUtcOffset(minutes: number): string {
  if (minutes === 0) return 'UTC';
  const abs = Math.abs(minutes);
  return `UTC${minutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** The display zone's offset in minutes east of UTC. */
export function resolveUtcOffsetMinutes(zone: DisplayZone = {}): number {
  if (zone.timeZone !== undefined && zone.utcOffsetMinutes !== undefined) {
    throw invalid('give either timeZone or utcOffsetMinutes, not both');
  }
  if (zone.timeZone !== undefined) {
    let name: string | undefined;
    try {
      name = new Intl.DateTimeFormat('en-US', { timeZone: zone.timeZone, timeZoneName: 'longOffset' })
        .formatToParts(zone.at ?? new Date())
        .find((part) => part.type === 'timeZoneName')?.value;
    } catch {
      throw invalid(`unknown time zone "${zone.timeZone}": expected an IANA name like Europe/Warsaw`);
    }
    // "GMT+02:00", or "GMT" for UTC itself.
    return name === undefined || name === 'GMT' ? 0 : parseUtcOffset(name);
  }
  const minutes = zone.utcOffsetMinutes ?? 0;
  if (!Number.isInteger(minutes) || Math.abs(minutes) > MAX_OFFSET_MINUTES) {
    throw invalid(`utcOffsetMinutes must be a whole number between -1080 and 1080, got ${minutes}`);
  }
  return minutes;
}

export function formatTime(secondsOfDay: number): string {
  const h = Math.floor(secondsOfDay / 3600);
  const m = Math.floor((secondsOfDay % 3600) / 60);
  const s = secondsOfDay % 60;
  const hm = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
  return s ? `${hm}:${String(s).padStart(2, '0')}` : hm;
}

export function parseTime(text: string, where: string): number {
  const match = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(text.trim());
  const seconds = match ? Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3] ?? 0) : NaN;
  if (!match || Number(match[2]) > 59 || Number(match[3] ?? 0) > 59 || seconds > DAY_SECONDS) {
    throw invalid(`${where}: "${text}" is not a time of day: expected HH:MM between 00:00 and 24:00`);
  }
  return seconds;
}

/** Opening ranges in local seconds of the week, within [0, WEEK), merged and sorted. */
function localRanges(entries: readonly WorkingHoursEntry[], offsetMinutes: number): [number, number][] {
  const ranges: [number, number][] = [];
  for (const { offsetSeconds, durationSeconds } of entries) {
    if (durationSeconds <= 0) continue; // a "closed" marker
    if (durationSeconds >= WEEK_SECONDS) return [[0, WEEK_SECONDS]];
    const start = mod(offsetSeconds + offsetMinutes * 60, WEEK_SECONDS);
    const end = start + durationSeconds;
    if (end <= WEEK_SECONDS) ranges.push([start, end]);
    else ranges.push([start, WEEK_SECONDS], [0, end - WEEK_SECONDS]);
  }
  return mergeRanges(ranges);
}

/** [start, end) ranges sorted, with the ones that overlap or touch made one. */
export function mergeRanges(ranges: readonly (readonly [number, number])[]): [number, number][] {
  const merged: [number, number][] = [];
  for (const range of [...ranges].sort((a, b) => a[0] - b[0])) {
    const last = merged.at(-1);
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return merged;
}

/**
 * Each opening of a week as seconds of its day, checked: a real day given once, times
 * of day, an opening that lasts; an `end` before its `start` runs into the next day.
 */
export function openingsOf(schedule: WeeklySchedule): { dayIndex: number; from: number; to: number }[] {
  const openings: { dayIndex: number; from: number; to: number }[] = [];
  const seen = new Set<string>();
  for (const { day, open } of schedule) {
    const dayIndex = WEEKDAYS.indexOf(day);
    if (dayIndex < 0) throw invalid(`"${day}" is not a day: expected one of ${WEEKDAYS.join(', ')}`);
    if (seen.has(day)) throw invalid(`${day} is given twice`);
    seen.add(day);
    for (const { start, end } of open) {
      const from = parseTime(start, day);
      const to = parseTime(end, day);
      if (to === from) throw invalid(`${day} ${start}–${end} opens for no time`);
      openings.push({ dayIndex, from, to: to < from ? to + DAY_SECONDS : to });
    }
  }
  return openings;
}

/**
 * The entries as a week, Monday first, in the display zone. An opening that crosses
 * midnight is shown on both days (`Fri 22:00–24:00`, `Sat 00:00–02:00`).
 */
export function toWeeklySchedule(entries: readonly WorkingHoursEntry[], zone?: DisplayZone): WeeklySchedule {
  const ranges = localRanges(entries, resolveUtcOffsetMinutes(zone));
  return WEEKDAYS.map((day, index) => {
    const dayStart = index * DAY_SECONDS;
    const dayEnd = dayStart + DAY_SECONDS;
    const open: OpeningInterval[] = [];
    for (const [start, end] of ranges) {
      const from = Math.max(start, dayStart);
      const to = Math.min(end, dayEnd);
      if (from < to) open.push({ start: formatTime(from - dayStart), end: formatTime(to - dayStart) });
    }
    return { day, open };
  });
}

/**
 * A week (as `toWeeklySchedule` gives it, days in any order, missing days closed)
 * back to entries, in the display zone. One entry per opening: openings that touch,
 * across midnight too, become one. An `end` before its `start` runs into the next day.
 * No duration-0 markers are written. Offsets are local Monday 00:00 minus the zone's
 * offset, as the server writes them (so Monday 00:00 at UTC+02:00 is -7200).
 */
export function fromWeeklySchedule(schedule: WeeklySchedule, zone?: DisplayZone): WorkingHoursEntry[] {
  const offsetMinutes = resolveUtcOffsetMinutes(zone);
  const entries = openingsOf(schedule).map(({ dayIndex, from, to }) => ({
    offsetSeconds: dayIndex * DAY_SECONDS + from,
    durationSeconds: to - from,
  }));
  // Merge in local time (UTC offset 0), then shift to UTC.
  return localRanges(entries, 0)
    .reduce<[number, number][]>((out, range) => {
      // [0, x) and [y, WEEK) are one opening across Sunday midnight.
      const first = out[0];
      if (range[1] === WEEK_SECONDS && first && first[0] === 0 && range[0] > 0) {
        out[0] = [range[0], WEEK_SECONDS + first[1]];
      } else {
        out.push(range);
      }
      return out;
    }, [])
    .sort((a, b) => a[0] - b[0])
    .map(([start, end]) => ({
      offsetSeconds: start - offsetMinutes * 60,
      durationSeconds: end - start,
    }));
}

/** `Mon 09:00–17:00, 18:00–20:00`, `Wed closed`: one line per day. */
export function formatWeeklySchedule(schedule: WeeklySchedule): string[] {
  return schedule.map(
    ({ day, open }) => `${day} ${open.length ? open.map(({ start, end }) => `${start}–${end}`).join(', ') : 'closed'}`,
  );
}

/**
 * Lines like `Mon 09:00–17:00, 18:00–20:00` or `Wed closed` (a hyphen works as well as
 * the dash; days not given are closed) → a week for `fromWeeklySchedule`.
 */
export function parseWeeklySchedule(lines: string | readonly string[]): WeeklySchedule {
  const list = typeof lines === 'string' ? lines.split(/\r?\n/) : lines;
  const days = new Map<Weekday, OpeningInterval[]>();
  for (const raw of list) {
    const line = raw.trim();
    if (!line) continue;
    const match = /^([A-Za-z]{3})\s+(.+)$/.exec(line);
    const day = WEEKDAYS.find((d) => d.toLowerCase() === match?.[1]?.toLowerCase());
    if (!match || !day)
      throw invalid(`"${line}": expected a day (${WEEKDAYS.join(', ')}) then times like 09:00–17:00, or "closed"`);
    if (days.has(day)) throw invalid(`${day} is given twice`);
    const rest = match[2].trim();
    const open: OpeningInterval[] = [];
    if (rest.toLowerCase() !== 'closed') {
      for (const part of rest.split(',')) {
        const times = part.split(/[–—-]/).map((t) => t.trim());
        if (times.length !== 2) throw invalid(`"${line}": "${part.trim()}" is not an opening like 09:00–17:00`);
        parseTime(times[0], day);
        parseTime(times[1], day);
        open.push({ start: times[0], end: times[1] });
      }
    }
    days.set(day, open);
  }
  return WEEKDAYS.map((day) => ({ day, open: days.get(day) ?? [] }));
}

/** Seconds since Monday 00:00 UTC of `date`'s week. */
function secondsOfWeek(date: Date): number {
  return mod(Math.floor(date.getTime() / 1000) - FIRST_MONDAY_SECONDS, WEEK_SECONDS);
}

/** Whether the organisation is open at `date` (default: now). Duration-0 entries never open. */
export function isOpen(entries: readonly WorkingHoursEntry[], date: Date = new Date()): boolean {
  if (Number.isNaN(date.getTime())) throw invalid('isOpen needs a valid Date');
  const now = secondsOfWeek(date);
  return entries.some(
    ({ offsetSeconds, durationSeconds }) =>
      durationSeconds > 0 &&
      (durationSeconds >= WEEK_SECONDS || mod(now - offsetSeconds, WEEK_SECONDS) < durationSeconds),
  );
}

/** Total open time in a week, in seconds (overlaps counted once). */
export function openSecondsPerWeek(entries: readonly WorkingHoursEntry[]): number {
  return localRanges(entries, 0).reduce((sum, [start, end]) => sum + end - start, 0);
}
