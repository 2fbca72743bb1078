/**
 * `hours [file]`: the working hours as a weekly table, in the organisation's `zoneId`
 * (a real week, daylight-saving changes included), or at a fixed UTC offset; the
 * maintenance windows listed. `--set "Mon-Fri 08:00-16:00, Sat 09:00-13:00"` writes
 * `workingHours` into the file, read in the same zone and week.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { formatHoursSpec, parseHoursSpec } from '../hours-spec.js';
import type { MaintenanceWindow, WorkingHoursEntry } from '../schema.js';
import { isKnownTimeZone } from '../schema.js';
import { formatDuration, renderHoursTable } from '../terminal.js';
import { validateOrgConfig } from '../validate.js';
import {
  formatUtcOffset,
  fromWeeklySchedule,
  openSecondsPerWeek,
  parseUtcOffset,
  toWeeklySchedule,
  type WeeklySchedule,
} from '../working-hours.js';
import { formatInstant, hoursFromZonedWeek, zonedWeek } from '../zoned-week.js';
import { CliError, jsonText, type Context } from './context.js';
import { withJson, withTargets } from './options.js';
import { resolveConfig, workspacePath, workspaceTargetsFor, type ConnectionOptions } from './targets.js';

interface HoursOptions extends ConnectionOptions {
  json?: boolean;
  utcOffset?: string;
  timeZone?: string;
  week?: string;
  set?: string;
}

/** Where the week is shown: an IANA zone (from where), or a fixed offset. */
type Zone = { timeZone: string; from: string } | { utcOffsetMinutes: number };

export function registerHours(program: Command, ctx: Context): void {
  withJson(withTargets(program.command('hours')))
    .argument('[file]', 'a configuration file (JSON), or a JSON array of working-hours entries; none: the workspace')
    .description(
      'Print the working hours as a weekly table in the org’s zoneId, and the maintenance windows; --set writes them.',
    )
    .option('--time-zone <zone>', 'show the week in this IANA zone (default: the file’s zoneId, else UTC)')
    .option('--utc-offset <offset>', 'show the week at this fixed UTC offset, e.g. +02:00')
    .option('--week <date>', 'the week to show or set, any day of it, e.g. 2025-03-30 (default: this week)')
    .option('--set <hours>', 'write workingHours into the file, e.g. "Mon-Fri 08:00-16:00, Sat 09:00-13:00"')
    .action(async (file: string | undefined, options: HoursOptions) => {
      if (options.timeZone !== undefined && options.utcOffset !== undefined)
        throw new CliError('usage', 'give either --time-zone or --utc-offset, not both');
      const week = options.week === undefined ? new Date() : parseWeek(options.week);
      if (options.set !== undefined) {
        if (!file) throw new CliError('usage', '--set writes into a file: name it');
        return setHours(ctx, file, options, week);
      }
      if (file) return showFile(ctx, file, options, week);
      const results = [];
      for (const target of await workspaceTargetsFor(ctx, options)) {
        const { config } = await resolveConfig(ctx, target);
        if (!config) throw new CliError('failed', `${target.name}: its files are not JSON objects`);
        results.push(printHours(ctx, target.name, config, config.workingHours, options, week));
      }
      if (results.includes(false)) ctx.outcome = 'failed';
      // One document for all targets, as plan's.
      if (options.json) ctx.json({ version: 1, command: 'hours', targets: results.filter((r) => r !== false) });
    });
}

function parseWeek(text: string): Date {
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T12:00:00Z` : text);
  if (Number.isNaN(date.getTime()))
    throw new CliError('usage', `--week "${text}" is not a date: expected one like 2025-03-30`);
  return date;
}

function zoneFor(options: HoursOptions, config: Record<string, unknown> | undefined, fallback?: string): Zone {
  if (options.timeZone !== undefined) return { timeZone: options.timeZone, from: '--time-zone' };
  if (options.utcOffset !== undefined) return { utcOffsetMinutes: parseUtcOffset(options.utcOffset) };
  const zoneId = config?.zoneId;
  if (typeof zoneId === 'string' && isKnownTimeZone(zoneId)) return { timeZone: zoneId, from: 'its zoneId' };
  if (fallback) return { timeZone: fallback, from: 'the zoneId of the targets using it' };
  return { utcOffsetMinutes: 0 };
}

async function showFile(ctx: Context, file: string, options: HoursOptions, week: Date): Promise<void> {
  const { validation, value, parsed } = await ctx.readConfig(file);
  if (parsed === undefined) {
    ctx.printProblems(file, validation);
    ctx.outcome = 'failed';
    return;
  }
  const entries: unknown = Array.isArray(parsed) ? parsed : value?.workingHours;
  const result = printHours(ctx, file, value, entries, options, week);
  if (result === false) ctx.outcome = 'failed';
  else if (options.json) ctx.json(result);
}

/**
 * Prints one configuration's week for people; with --json, returns it as a result
 * instead (`true` once printed); false when its working hours are invalid.
 */
function printHours(
  ctx: Context,
  name: string,
  config: Record<string, unknown> | undefined,
  raw: unknown,
  options: HoursOptions,
  week: Date,
  zone: Zone = zoneFor(options, config),
): Record<string, unknown> | boolean {
  const { style } = ctx;
  // Only the working hours and maintenance windows matter here: the rest may be anything.
  const checked = validateOrgConfig(
    { workingHours: raw, maintenanceWindows: config?.maintenanceWindows ?? [] },
    { partial: true },
  );
  if (!checked.ok) {
    ctx.printProblems(name, { ...checked, problems: checked.problems });
    return false;
  }
  const entries = (raw ?? []) as WorkingHoursEntry[];
  const windows = config?.maintenanceWindows as MaintenanceWindow[] | undefined;
  const markers = entries.filter((e) => e.durationSeconds === 0).length;
  let days: WeeklySchedule;
  let header: string;
  let json: Record<string, unknown>;
  const instant = (ms: number) =>
    'timeZone' in zone ? formatInstant(ms, zone.timeZone) : formatInstant(ms + zone.utcOffsetMinutes * 60_000, 'UTC');
  if ('timeZone' in zone) {
    const shown = zonedWeek(entries, { timeZone: zone.timeZone, week });
    days = shown.days;
    header = `Working hours in ${name}, shown in ${zone.timeZone} (${zone.from}), week of Mon ${shown.monday} (${shown.offset}):`;
    json = {
      timeZone: zone.timeZone,
      monday: shown.monday,
      utcOffsetMinutes: shown.offsetMinutes,
      offsetChanges: shown.offsetChanges,
    };
    if (!options.json) {
      ctx.out(style('bold', header));
      for (const line of renderHoursTable(days, style)) ctx.out(line);
      for (const change of shown.offsetChanges)
        ctx.out(
          style(
            'yellow',
            `${zone.timeZone} moves from ${change.from} to ${change.to} on ${change.at}; the times above follow it.`,
          ),
        );
    }
  } else {
    const offset = zone.utcOffsetMinutes;
    days = toWeeklySchedule(entries, { utcOffsetMinutes: offset });
    header = `Working hours in ${name}, shown in ${formatUtcOffset(offset)}:`;
    json = { utcOffsetMinutes: offset };
    if (!options.json) {
      ctx.out(style('bold', header));
      for (const line of renderHoursTable(days, style)) ctx.out(line);
    }
  }
  if (options.json)
    return {
      file: name,
      ...json,
      days,
      spec: formatHoursSpec(days),
      openSecondsPerWeek: openSecondsPerWeek(entries),
      closedMarkers: markers,
      maintenanceWindows: (windows ?? []).map((w) => ({ ...w, fromLocal: instant(w.from), toLocal: instant(w.to) })),
    };
  ctx.out(
    style(
      'dim',
      `Open ${formatDuration(openSecondsPerWeek(entries))} a week. ${entries.length} ${entries.length === 1 ? 'entry' : 'entries'}, ${markers} of them duration-0 "closed" markers.`,
    ),
  );
  if ('timeZone' in zone) ctx.out(style('dim', `As --set takes it: ${formatHoursSpec(days)}`));
  if (windows) {
    if (!windows.length) ctx.out('No maintenance windows.');
    else {
      ctx.out(
        style(
          'bold',
          `Maintenance windows (${'timeZone' in zone ? zone.timeZone : formatUtcOffset(zone.utcOffsetMinutes)}):`,
        ),
      );
      for (const w of windows) ctx.out(`  ${instant(w.from)} → ${instant(w.to)}  ${w.message}`);
    }
  }
  ctx.out(
    style(
      'dim',
      'timeZone' in zone
        ? 'Offsets are read as seconds from Monday 00:00 UTC; --week, --time-zone or --utc-offset change the view.'
        : 'Offsets are read as seconds from Monday 00:00 UTC; --utc-offset or --time-zone shift the view.',
    ),
  );
  return true;
}

/** The zoneId every workspace target reading `file` resolves to, if they agree. */
async function zoneFromWorkspace(ctx: Context, file: string, options: HoursOptions): Promise<string | undefined> {
  if (!existsSync(workspacePath(options))) return undefined;
  const targets = (await workspaceTargetsFor(ctx, options)).filter((t) =>
    t.files.some((f) => resolve(f) === resolve(file)),
  );
  const zones = new Set<string>();
  for (const target of targets) {
    const zoneId = (await resolveConfig(ctx, target)).config?.zoneId;
    if (typeof zoneId === 'string') zones.add(zoneId);
  }
  if (zones.size > 1)
    throw new CliError(
      'usage',
      `the targets reading ${file} are in different zones (${[...zones].join(', ')}): pass --time-zone`,
    );
  return [...zones][0];
}

async function setHours(ctx: Context, file: string, options: HoursOptions, week: Date): Promise<void> {
  const json = await ctx.readJsonObject(file);
  const schedule = parseHoursSpec(options.set!);
  let zone = zoneFor(options, json);
  if (!('timeZone' in zone) && options.utcOffset === undefined) {
    const fallback = await zoneFromWorkspace(ctx, file, options);
    if (!fallback)
      throw new CliError(
        'usage',
        `${file} has no zoneId to read "${options.set}" in: pass --time-zone (or --utc-offset)`,
      );
    zone = zoneFor(options, json, fallback);
  }
  const entries =
    'timeZone' in zone
      ? hoursFromZonedWeek(schedule, { timeZone: zone.timeZone, week })
      : fromWeeklySchedule(schedule, { utcOffsetMinutes: zone.utcOffsetMinutes });
  json.workingHours = entries;
  await ctx.writeText(file, jsonText(json));
  ctx.err(`Wrote ${entries.length} working-hours ${entries.length === 1 ? 'entry' : 'entries'} to ${file}.`);
  const result = printHours(ctx, file, json, entries, options, week, zone);
  if (options.json && typeof result === 'object') ctx.json(result);
}
