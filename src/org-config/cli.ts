/// <reference types="node" />
/**
 * `closer-config`: an organisation's configuration as code (pull, validate, diff,
 * push, hours). Node only; `bin/closer-config.js` runs `main`. See docs/org-config.md.
 *
 * Parser: commander 14 (zero dependencies, supports Node ≥ 20, per-command `--help`
 * and usage errors for free; `util.parseArgs` has no subcommands or help).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline/promises';
import * as util from 'node:util';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { CLOSER_HOSTS, createOrgConfigClient, type OrgConfigClient } from './client.js';
import { jsonEqual, planPush } from './diff.js';
import { OrgConfigError, redact, type OrgConfigErrorCode } from './errors.js';
import { parseOrgConfig, validateOrgConfig, validateOrgConfigJson, type OrgConfigValidation } from './validate.js';
import {
  formatUtcOffset,
  openSecondsPerWeek,
  parseUtcOffset,
  resolveUtcOffsetMinutes,
  toWeeklySchedule,
} from './working-hours.js';
import type { WorkingHoursEntry } from './schema.js';
import {
  formatDuration,
  plain,
  plural,
  renderDifferences,
  renderHoursTable,
  renderProblems,
  summariseDifferences,
  type Colour,
  type Style,
} from './terminal.js';

/** Exit codes, documented in `--help` and docs/org-config.md. */
export const EXIT = {
  ok: 0,
  /** The check failed: invalid file, differences found (diff), push not confirmed. */
  failed: 1,
  usage: 2,
  auth: 3,
  notFound: 4,
  /** Network, timeout, 5xx, another 4xx, or an answer that is not a configuration. */
  server: 5,
  /** A bug in closer-config. */
  internal: 70,
} as const;

const EXIT_HELP = `
Exit codes:
  0   success (valid; no differences; pulled; pushed or nothing to push)
  1   the check failed: the file is invalid, diff found differences, or push was not confirmed
  2   usage: unknown command or option, missing argument, --org or CLOSER_API_KEY missing,
      unreadable file, push without --yes when stdin is not a terminal
  3   the api key was refused (401) or may not do this (403; push needs an admin adviser's key)
  4   no such organisation on this host (404)
  5   network or server: unreachable, timeout, 5xx, another 4xx, or a reply that is not JSON

Environment:
  CLOSER_API_KEY   the adviser's api key (push: an adviser with admin permission)
  CLOSER_ORG_ID    the organisation's id, if --org is not given
  NO_COLOR         set to disable colours (they are used only when stdout is a terminal)
`;

/** What the CLI talks to: process by default, replaceable in tests. */
export interface CliIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdin: NodeJS.ReadableStream & { readonly isTTY?: boolean };
  readonly stdout: NodeJS.WritableStream & { readonly isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream;
}

/** A failure with its exit code, printed as `closer-config: <message>`. */
class CliError extends Error {
  constructor(
    readonly exitCode: number,
    message: string,
  ) {
    super(message);
  }
}

const EXIT_FOR: Record<OrgConfigErrorCode, number> = {
  unauthorized: EXIT.auth,
  forbidden: EXIT.auth,
  'not-found': EXIT.notFound,
  rejected: EXIT.server,
  server: EXIT.server,
  network: EXIT.server,
  timeout: EXIT.server,
  aborted: EXIT.server,
  'invalid-response': EXIT.server,
  'invalid-config': EXIT.failed,
  'invalid-schedule': EXIT.usage,
  'invalid-option': EXIT.usage,
};

/** The api key, wherever it was given: scrubbed from everything we print. */
function secretsIn(argv: readonly string[], env: CliIo['env']): string[] {
  const secrets = [env.CLOSER_API_KEY ?? ''];
  argv.forEach((arg, i) => {
    if (arg === '--api-key') secrets.push(argv[i + 1] ?? '');
    else if (arg.startsWith('--api-key=')) secrets.push(arg.slice('--api-key='.length));
  });
  return secrets.filter((s) => s.length > 0);
}

/** Colour only for a terminal, and never when NO_COLOR is set (https://no-color.org). */
function styleFor(io: CliIo): Style {
  const wanted = io.stdout.isTTY === true && !io.env.NO_COLOR && io.env.TERM !== 'dumb';
  // styleText arrived in Node 20.12: older Node prints without colour.
  const styleText = (util as { styleText?: (format: string, text: string) => string }).styleText;
  if (!wanted || typeof styleText !== 'function') return plain;
  return (colour: Colour, text: string) => styleText(colour, text);
}

interface ConnectionOptions {
  readonly org?: string;
  readonly stage?: boolean;
  readonly baseUrl?: string;
  readonly apiKey?: string;
  readonly timeout?: number;
}

/** Runs the CLI; resolves to the exit code. */
export async function main(argv: readonly string[], io: CliIo = process): Promise<number> {
  const secrets = secretsIn(argv, io.env);
  const scrub = (text: string) => secrets.reduce((out, secret) => redact(out, secret), text);
  const out = (text = '') => void io.stdout.write(`${scrub(text)}\n`);
  const err = (text = '') => void io.stderr.write(`${scrub(text)}\n`);
  const json = (value: unknown) => out(JSON.stringify(value, null, 2));
  const style = styleFor(io);
  let exitCode: number = EXIT.ok;

  const readText = async (file: string): Promise<string> => {
    try {
      return await readFile(file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new CliError(
        EXIT.usage,
        `cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`,
      );
    }
  };

  /**
   * The file, validated (a JSON syntax error is one problem), and its content:
   * `value` if it is a JSON object, `parsed` whatever it is.
   */
  const readConfig = async (file: string) => {
    const text = await readText(file);
    const validation = validateOrgConfigJson(text);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      // validation holds the syntax error.
    }
    const value =
      parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
    return { validation, value, parsed };
  };

  const printProblems = (file: string, validation: OrgConfigValidation, write = out) => {
    if (validation.ok) return;
    write(`${file}: ${style('red', plural(validation.problems.length, 'problem'))}`);
    for (const line of renderProblems(validation.problems, style)) write(line);
  };

  const connect = (options: ConnectionOptions): OrgConfigClient => {
    const orgId = options.org ?? io.env.CLOSER_ORG_ID;
    if (!orgId) throw new CliError(EXIT.usage, 'which organisation? pass --org <org id> or set CLOSER_ORG_ID');
    if (options.apiKey !== undefined) {
      err(
        `${style('yellow', 'warning')}: --api-key leaves the key in your shell history and the process list; set CLOSER_API_KEY instead`,
      );
    }
    const apiKey = options.apiKey ?? io.env.CLOSER_API_KEY;
    if (!apiKey)
      throw new CliError(
        EXIT.usage,
        'no api key: set CLOSER_API_KEY to an adviser’s api key (push needs an adviser with admin permission)',
      );
    const baseUrl = options.baseUrl ?? (options.stage ? CLOSER_HOSTS.stage : CLOSER_HOSTS.production);
    return createOrgConfigClient({ orgId, apiKey, baseUrl, timeoutMs: options.timeout });
  };
  const where = (client: OrgConfigClient) => `org ${client.orgId} on ${new URL(client.baseUrl).host}`;

  const program = new Command('closer-config')
    .description('An organisation’s Closer configuration as code: pull it into git, validate, diff and push it.')
    .version(await packageVersion(), '-V, --version')
    .exitOverride()
    .showHelpAfterError('(add --help for usage)')
    .configureOutput({
      writeOut: (s) => void io.stdout.write(scrub(s)),
      writeErr: (s) => void io.stderr.write(scrub(s)),
    })
    .addHelpText('afterAll', EXIT_HELP);

  const positiveInteger = (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n <= 0)
      throw new InvalidArgumentError('expected milliseconds, a positive whole number.');
    return n;
  };
  const withConnection = (command: Command) =>
    command
      .option('--org <id>', 'the organisation id (default: $CLOSER_ORG_ID)')
      .addOption(new Option('--stage', `use the stage host (${CLOSER_HOSTS.stage})`).conflicts('baseUrl'))
      .option('--base-url <url>', `the API host (default: ${CLOSER_HOSTS.production})`)
      .option('--api-key <key>', 'the api key (prefer $CLOSER_API_KEY: a flag leaks into shell history)')
      .option('--timeout <ms>', 'per request, in milliseconds (default: 10000)', positiveInteger);
  const jsonOption = (command: Command) => command.option('--json', 'print a JSON result for scripts');

  jsonOption(withConnection(program.command('pull').argument('[file]', 'where to write it (default: stdout)')))
    .description('Write the live configuration to a file (or stdout), exactly as the server sends it.')
    .action(async (file: string | undefined, options: ConnectionOptions & { json?: boolean }) => {
      const client = connect(options);
      const live = await client.getRawConfig();
      const validation = validateOrgConfig(live);
      const text = `${JSON.stringify(live, null, 2)}\n`;
      if (file && file !== '-') {
        await writeFile(file, text).catch((error: Error) => {
          throw new CliError(EXIT.usage, `cannot write ${file}: ${error.message}`);
        });
        if (options.json)
          json({
            file,
            fields: Object.keys(live).length,
            valid: validation.ok,
            problems: validation.ok ? [] : validation.problems,
            unknownFields: validation.unknownFields,
          });
        else
          err(`Wrote the configuration of ${where(client)} to ${file} (${plural(Object.keys(live).length, 'field')}).`);
      } else {
        io.stdout.write(scrub(text));
      }
      if (!validation.ok) {
        err(
          `${style('yellow', 'warning')}: the live configuration does not pass this version’s schema (saved as it is):`,
        );
        printProblems('live configuration', validation, err);
      }
    });

  jsonOption(program.command('validate').argument('<file>', 'a configuration file (JSON)'))
    .description('Check a configuration file offline; list every problem with its path.')
    .action(async (file: string, options: { json?: boolean }) => {
      const { validation } = await readConfig(file);
      if (options.json) {
        json({
          file,
          valid: validation.ok,
          problems: validation.ok ? [] : validation.problems,
          unknownFields: validation.unknownFields,
        });
      } else if (validation.ok) {
        out(`${file}: ${style('green', 'valid')}`);
      } else {
        printProblems(file, validation);
      }
      if (!options.json && validation.unknownFields.length) {
        out(
          style(
            'dim',
            `note: ${plural(validation.unknownFields.length, 'field')} the schema does not know, kept as is: ${validation.unknownFields.join(', ')}`,
          ),
        );
      }
      exitCode = validation.ok ? EXIT.ok : EXIT.failed;
    });

  jsonOption(withConnection(program.command('diff').argument('<file>', 'a configuration file (JSON)')))
    .description('Compare a file with the live configuration, field by field (exit 1 if they differ).')
    .action(async (file: string, options: ConnectionOptions & { json?: boolean }) => {
      const { validation, value } = await readConfig(file);
      if (!value) {
        printProblems(file, validation, err);
        exitCode = EXIT.failed;
        return;
      }
      const client = connect(options);
      const live = await client.getRawConfig();
      const plan = planPush(live, value);
      if (options.json) {
        json({
          file,
          valid: validation.ok,
          problems: validation.ok ? [] : validation.problems,
          differences: plan.differences,
          keptFromServer: plan.keptFromServer,
        });
      } else {
        if (!validation.ok) {
          err(`${style('yellow', 'warning')}: push would refuse this file:`);
          printProblems(file, validation, err);
        }
        if (plan.differences.length) {
          out(
            style(
              'bold',
              `${plural(plan.differences.length, 'difference')} from the live configuration (${where(client)}) to ${file}:`,
            ),
          );
          for (const line of renderDifferences(plan.differences, style)) out(line);
          out(style('dim', summariseDifferences(plan.differences)));
        } else {
          out(`${style('green', 'No differences')}: ${file} matches the live configuration of ${where(client)}.`);
        }
        if (plan.keptFromServer.length) {
          out(
            style(
              'dim',
              `Only on the server, kept by push: ${plan.keptFromServer.join(', ')} (pull to add them to the file)`,
            ),
          );
        }
      }
      exitCode = plan.differences.length ? EXIT.failed : EXIT.ok;
    });

  jsonOption(withConnection(program.command('push').argument('<file>', 'a configuration file (JSON)')))
    .description('Validate the file, show the differences, ask, then update the live configuration.')
    .option('-y, --yes', 'push without asking (for CI)')
    .action(async (file: string, options: ConnectionOptions & { json?: boolean; yes?: boolean }) => {
      const { validation, value } = await readConfig(file);
      if (!validation.ok || !value) {
        printProblems(file, validation, options.json ? err : out);
        if (options.json)
          json({ file, pushed: false, valid: false, problems: validation.ok ? [] : validation.problems });
        err(`Nothing was sent: fix ${file} first.`);
        exitCode = EXIT.failed;
        return;
      }
      if (!options.yes && io.stdin.isTTY !== true) {
        throw new CliError(
          EXIT.usage,
          'refusing to push without confirmation: stdin is not a terminal. Review with `closer-config diff`, then pass --yes.',
        );
      }
      const client = connect(options);
      const live = await client.getRawConfig();
      const plan = planPush(live, value);
      /** The --json result; false when the result is for people. */
      const report = (pushed: boolean): boolean => {
        if (options.json)
          json({ file, pushed, valid: true, differences: plan.differences, keptFromServer: plan.keptFromServer });
        return options.json === true;
      };
      if (!plan.differences.length) {
        if (!report(false)) out(`Nothing to push: ${file} matches the live configuration of ${where(client)}.`);
        return;
      }
      const show = options.json ? err : out;
      show(style('bold', `${plural(plan.differences.length, 'change')} to the live configuration (${where(client)}):`));
      for (const line of renderDifferences(plan.differences, style)) show(line);
      if (plan.keptFromServer.length)
        show(style('dim', `Kept from the server (not in the file): ${plan.keptFromServer.join(', ')}`));
      if (!options.yes) {
        const answer = await ask(io, `Push ${plural(plan.differences.length, 'change')} to ${where(client)}? [y/N] `);
        if (!/^y(es)?$/i.test(answer.trim())) {
          err('Not pushed.');
          report(false);
          exitCode = EXIT.failed;
          return;
        }
        // Someone may have changed it in the admin panel while we waited for the answer.
        if (!jsonEqual(await client.getRawConfig(), live)) {
          err(
            'Not pushed: the live configuration changed while you were deciding. Run push again to see the new differences.',
          );
          report(false);
          exitCode = EXIT.failed;
          return;
        }
      }
      await client.putConfig(parseOrgConfig(plan.body));
      if (!report(true))
        out(`${style('green', 'Pushed')} ${plural(plan.differences.length, 'change')} to ${where(client)}.`);
    });

  jsonOption(
    program
      .command('hours')
      .argument('<file>', 'a configuration file (JSON), or a JSON array of working-hours entries'),
  )
    .description('Print the working hours as a weekly table.')
    .option('--utc-offset <offset>', 'show the week at this UTC offset, e.g. +02:00 (default: UTC)')
    .option('--time-zone <zone>', 'show the week in this IANA zone at its current offset, e.g. Europe/Warsaw')
    .action(async (file: string, options: { json?: boolean; utcOffset?: string; timeZone?: string }) => {
      const { validation, value, parsed } = await readConfig(file);
      if (parsed === undefined) {
        printProblems(file, validation);
        exitCode = EXIT.failed;
        return;
      }
      // Only the working hours matter here: the rest of the file may be anything.
      const raw: unknown = Array.isArray(parsed) ? parsed : value?.workingHours;
      const entriesOnly = validateOrgConfig({ workingHours: raw });
      const problems = (entriesOnly.ok ? [] : entriesOnly.problems).filter((p) => p.segments[0] === 'workingHours');
      if (problems.length) {
        printProblems(file, { ok: false, problems, unknownFields: [] });
        exitCode = EXIT.failed;
        return;
      }
      const entries = raw as WorkingHoursEntry[];
      const zone =
        options.timeZone !== undefined
          ? { timeZone: options.timeZone }
          : { utcOffsetMinutes: options.utcOffset === undefined ? 0 : parseUtcOffset(options.utcOffset) };
      const offset = resolveUtcOffsetMinutes(zone);
      const schedule = toWeeklySchedule(entries, { utcOffsetMinutes: offset });
      const markers = entries.filter((e) => e.durationSeconds === 0).length;
      const zoneName = `${formatUtcOffset(offset)}${options.timeZone ? ` (${options.timeZone} now)` : ''}`;
      if (options.json) {
        json({
          file,
          utcOffsetMinutes: offset,
          days: schedule,
          openSecondsPerWeek: openSecondsPerWeek(entries),
          closedMarkers: markers,
        });
        return;
      }
      out(style('bold', `Working hours in ${file}, shown in ${zoneName}:`));
      for (const line of renderHoursTable(schedule, style)) out(line);
      out(
        style(
          'dim',
          `Open ${formatDuration(openSecondsPerWeek(entries))} a week. ${entries.length} ${entries.length === 1 ? 'entry' : 'entries'}, ${markers} of them duration-0 "closed" markers.`,
        ),
      );
      out(
        style('dim', 'Offsets are read as seconds from Monday 00:00 UTC; --utc-offset or --time-zone shift the view.'),
      );
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version end here too, with exit code 0; commander printed the message.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof CliError) {
      err(`closer-config: ${error.message}`);
      return error.exitCode;
    }
    if (error instanceof OrgConfigError) {
      err(`closer-config: ${error.message.replace(/^\[closer-config\] /, '')}`);
      return EXIT_FOR[error.code];
    }
    err(
      `closer-config: internal error (please report): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    return EXIT.internal;
  }
}

/** One line from the terminal; the prompt goes to stderr so stdout stays the result. */
async function ask(io: CliIo, question: string): Promise<string> {
  const rl = createInterface({ input: io.stdin, output: io.stderr, terminal: false });
  try {
    io.stderr.write(question);
    return await new Promise<string>((resolve) => {
      rl.once('line', resolve);
      rl.once('close', () => resolve(''));
    });
  } finally {
    rl.close();
  }
}

async function packageVersion(): Promise<string> {
  try {
    const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version?: string;
    };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}
