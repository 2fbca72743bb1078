/**
 * Working hours as one readable line, the way `hours --set` takes them and `hours`
 * prints them: `Mon-Fri 08:00-16:00, Sat 09:00-13:00`. Groups are separated by commas
 * (or semicolons, or new lines); each is a day or a range of days, then one or more
 * openings, or `closed`. A group that starts with a time adds openings to the days
 * before it (`Mon-Fri 08:00-12:00, 13:00-17:00`). Days not named are closed; a day
 * named twice gets the openings of both.
 */
import {
  WEEKDAYS,
  formatTime,
  invalid,
  parseTime,
  type OpeningInterval,
  type WeeklySchedule,
  type Weekday,
} from './working-hours.js';

const DASH = /\s*[-–—]\s*/;

function dayOf(text: string, group: string): number {
  const index = WEEKDAYS.findIndex((d) => d.toLowerCase() === text.toLowerCase());
  if (index < 0) throw invalid(`"${group}": "${text}" is not a day (expected ${WEEKDAYS.join(', ')})`);
  return index;
}

/** `Mon-Fri 08:00-16:00, Sat 09:00-13:00` → a week, Monday first. */
export function parseHoursSpec(spec: string): WeeklySchedule {
  const days = new Map<Weekday, OpeningInterval[]>(WEEKDAYS.map((d) => [d, []]));
  let current: number[] | undefined;
  const groups = spec
    .split(/[,;\n]/)
    .map((g) => g.trim())
    .filter(Boolean);
  if (!groups.length) throw invalid('no hours given: expected something like "Mon-Fri 08:00-16:00, Sat 09:00-13:00"');
  for (const group of groups) {
    const match = /^([A-Za-z]{3})(?:\s*[-–—]\s*([A-Za-z]{3}))?(?:\s+(.*))?$/.exec(group);
    let rest = group;
    if (match) {
      const from = dayOf(match[1], group);
      const to = match[2] ? dayOf(match[2], group) : from;
      current = Array.from({ length: ((to - from + 7) % 7) + 1 }, (_, i) => (from + i) % 7);
      rest = (match[3] ?? '').trim();
      if (!rest) throw invalid(`"${group}": expected openings like 09:00-17:00, or "closed"`);
    } else if (!current) {
      throw invalid(`"${group}": expected a day or days first, like Mon-Fri 08:00-16:00`);
    }
    if (rest.toLowerCase() === 'closed') continue;
    for (const part of rest.replace(/\s*[-–—]\s*/g, '-').split(/\s+/)) {
      const times = part.split(DASH);
      if (times.length !== 2) throw invalid(`"${group}": "${part}" is not an opening like 09:00-17:00`);
      const [start, end] = times as [string, string];
      for (const index of current) {
        const day = WEEKDAYS[index];
        parseTime(start, day);
        parseTime(end, day);
        days.get(day)!.push({ start: formatTime(parseTime(start, day)), end: formatTime(parseTime(end, day)) });
      }
    }
  }
  return WEEKDAYS.map((day) => ({ day, open: days.get(day)! }));
}

/** A week → `Mon-Fri 08:00-16:00, Sat 09:00-13:00` (consecutive days with the same openings grouped; closed days left out). */
export function formatHoursSpec(schedule: WeeklySchedule): string {
  const text = (open: readonly OpeningInterval[]) => open.map(({ start, end }) => `${start}-${end}`).join(' ');
  const groups: { first: Weekday; last: Weekday; open: string }[] = [];
  for (const { day, open } of schedule) {
    const hours = text(open);
    const previous = groups.at(-1);
    const adjacent = previous && WEEKDAYS.indexOf(day) === WEEKDAYS.indexOf(previous.last) + 1;
    if (previous && adjacent && previous.open === hours) previous.last = day;
    else groups.push({ first: day, last: day, open: hours });
  }
  const shown = groups.filter((g) => g.open);
  return shown.length
    ? shown.map((g) => `${g.first === g.last ? g.first : `${g.first}-${g.last}`} ${g.open}`).join(', ')
    : 'closed all week';
}
