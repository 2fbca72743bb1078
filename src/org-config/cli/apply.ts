/**
 * `apply [file]` (and `push`, its alias): the files onto the live configuration, for a
 * file or every picked workspace target, without ever losing an edit:
 *
 * 1. every target's files are checked offline; an invalid one is never sent;
 * 2. the live configuration is read; what is sent is the files plus every field only
 *    the server has, and must pass the whole schema;
 * 3. a target whose server changed since its base, in a field the files would undo,
 *    is refused, with base, file and live shown field by field (`--force` overrides);
 * 4. one confirmation for all (`--yes` in CI); in a terminal the live configuration is
 *    read again after the answer, and a change meanwhile stops that target;
 * 5. a backup of the live configuration, the write, and a read that verifies the
 *    server holds what was sent; the base moves to what the server now holds.
 */
import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { diffConfigs } from '../diff.js';
import { jsonEqual } from '../json.js';
import { parseOrgConfig } from '../validate.js';
import { plural, renderDifferences } from '../terminal.js';
import {
  checkFiles,
  compareWithLive,
  failureOf,
  outcomeOf,
  type Comparison,
  type Failure,
  type FileProblem,
} from './compare.js';
import { CliError, type CliIo, type Context } from './context.js';
import { worst, type Outcome } from './exit-codes.js';
import { withConnection, withJson } from './options.js';
import { jsonDocument, renderLiveChanges, reportOf, type TargetReport } from './report.js';
import { recordBase, writeBackup } from './state.js';
import { clientFor, describeTarget, fileTarget, workspaceTargetsFor, type ConnectionOptions } from './targets.js';
import type { Target } from './workspace.js';

type ApplyOptions = ConnectionOptions & { json?: boolean; yes?: boolean; force?: boolean };

/** `apply`, or `push` (the 0.1 name): the same command, its messages in its own verb. */
export function registerApply(name: 'apply' | 'push') {
  return (program: Command, ctx: Context): void => {
    withJson(
      withConnection(program.command(name).argument('[file]', 'a configuration file (JSON); none: the workspace'), {
        workspace: true,
      }),
      'print the versioned JSON shape for scripts; the changes for people go to stderr',
    )
      .description(
        name === 'push'
          ? 'The same as apply (its name in 0.1).'
          : 'Validate, refuse a lost update, show the changes, ask, back up, write and read back the live configuration.',
      )
      .option('-y, --yes', `${name} without asking (for CI)`)
      .option('--force', 'apply even over changes made on the server since the base (they are lost)')
      .action((file: string | undefined, options: ApplyOptions) => apply(ctx, name, file, options));
  };
}

/** What a target came to: its report and outcome. */
interface Result {
  readonly report: TargetReport;
  readonly outcome: Outcome;
}

/** One run of apply over its targets, phase by phase (see the header). */
class ApplyRun {
  readonly #results = new Map<Target, Result>();
  readonly #verb: 'apply' | 'push';
  readonly #done: string;
  /** Lines for people: stdout, or stderr when stdout is the --json document. */
  readonly #show: (text: string) => void;

  constructor(
    private readonly ctx: Context,
    verb: 'apply' | 'push',
    private readonly file: string | undefined,
    private readonly options: ApplyOptions,
  ) {
    this.#verb = verb;
    this.#done = verb === 'push' ? 'Pushed' : 'Applied';
    this.#show = options.json ? ctx.err : ctx.out;
  }

  async run(targets: readonly Target[]): Promise<void> {
    const valid = await this.#checkOffline(targets);
    if (valid.length && !this.options.yes && this.ctx.io.stdin.isTTY !== true) {
      throw new CliError(
        'usage',
        `refusing to ${this.#verb} without confirmation: stdin is not a terminal. Review with \`closer-config plan\`, then pass --yes.`,
      );
    }
    const pending: Comparison[] = [];
    for (const { target, config, warnings } of valid) {
      const comparison = await this.#decide(target, config, warnings);
      if (comparison) pending.push(comparison);
    }
    const confirmed = await this.#confirm(pending);
    for (const comparison of pending) await this.#write(comparison, confirmed);
    if (this.options.json)
      this.ctx.json(
        jsonDocument(
          'apply',
          targets.map((t) => this.#results.get(t)!.report),
        ),
      );
    this.ctx.outcome = worst([...this.#results.values()].map((r) => r.outcome));
  }

  #finish(target: Target, report: TargetReport, outcome: Outcome): void {
    this.#results.set(target, { report, outcome });
  }

  #fail(target: Target, error: unknown, warnings: readonly FileProblem[] = []): void {
    const failure = failureOf(target, error, warnings);
    this.ctx.err(`closer-config: ${this.file ? '' : `${target.name}: `}${failure.message}`);
    this.#finish(target, reportOf(failure), failure.outcome);
  }

  /** 1. Offline: an invalid file costs no request. */
  async #checkOffline(targets: readonly Target[]) {
    const { ctx, file } = this;
    const valid: { target: Target; config: Record<string, unknown>; warnings: readonly FileProblem[] }[] = [];
    for (const target of targets) {
      const { config, problems, warnings } = await checkFiles(ctx, target);
      for (const w of warnings) ctx.err(`${ctx.style('yellow', 'warning')}: ${w.file}: ${w.path}: ${w.message}`);
      if (config && !problems.length) {
        valid.push({ target, config, warnings });
        continue;
      }
      const failure: Failure = { target, outcome: 'failed', message: 'invalid', problems, warnings };
      printProblems(ctx, problems, this.#show, file);
      const files = [...new Set(problems.map((p) => p.file))].join(', ') || target.files.join(', ');
      ctx.err(`Nothing was sent${file ? '' : ` to ${target.name}`}: fix ${files} first.`);
      this.#finish(target, reportOf(failure), 'failed');
    }
    return valid;
  }

  /** 2–3. Read, compare, refuse what would lose a live change; the comparison if there is something to write. */
  async #decide(target: Target, config: Record<string, unknown>, warnings: readonly FileProblem[]) {
    const { ctx, options } = this;
    const { style } = ctx;
    const show = this.#show;
    let comparison: Comparison;
    try {
      const client = clientFor(ctx, target, options);
      comparison = await compareWithLive(ctx, target, client, config, await client.getRawConfig(), warnings);
    } catch (error) {
      return this.#fail(target, error, warnings);
    }
    const title = describeTarget(target);
    if (comparison.problems.length) {
      printProblems(ctx, comparison.problems, show, this.file);
      ctx.err(`Nothing was sent to ${title}: what it would send lacks a field the client requires.`);
      return this.#finish(target, reportOf(comparison), outcomeOf(comparison));
    }
    const { lost, plan } = comparison;
    if (lost.length && !options.force) {
      const which = lost.length === 1 ? 'one of those changes' : `${lost.length} of those changes`;
      show(
        `${style('red', `Refused: ${title}`)}: the live configuration changed since the base (recorded ${comparison.base!.recordedAt}), and ${this.#verb} would undo ${which}:`,
      );
      for (const line of renderLiveChanges(ctx, comparison.liveChanges)) show(line);
      show(
        'Run `closer-config pull --merge` to bring the live changes into the files, or pass --force to overwrite them.',
      );
      return this.#finish(target, reportOf(comparison, 'refused'), 'failed');
    }
    if (!plan.differences.length) {
      // The files and the server agree: that is the new base.
      await recordBase(ctx, target, comparison.live);
      if (!options.json)
        ctx.out(`Nothing to ${this.#verb}: ${this.file ?? target.name} matches the live configuration of ${title}.`);
      return this.#finish(target, reportOf(comparison), 'ok');
    }
    if (lost.length)
      show(style('yellow', `--force: overwriting ${plural(lost.length, 'change')} made on the server since the base.`));
    const to = target.workspace ? title : `the live configuration (${title})`;
    show(style('bold', `${plural(plan.differences.length, 'change')} to ${to}:`));
    for (const line of renderDifferences(plan.differences, style)) show(line);
    if (plan.keptFromServer.length)
      show(style('dim', `Kept from the server (not in the file): ${plan.keptFromServer.join(', ')}`));
    if (!comparison.base)
      show(
        style(
          'dim',
          `No base snapshot for ${target.name}: a change made on the server since cannot be told (pull records one).`,
        ),
      );
    return comparison;
  }

  /** 4. One question for all (none with --yes). */
  async #confirm(pending: readonly Comparison[]): Promise<boolean> {
    if (!pending.length || this.options.yes) return true;
    const total = pending.reduce((n, c) => n + c.plan.differences.length, 0);
    const where = pending.length === 1 ? describeTarget(pending[0].target) : plural(pending.length, 'target');
    const Verb = this.#verb === 'push' ? 'Push' : 'Apply';
    const answer = await ask(this.ctx.io, `${Verb} ${plural(total, 'change')} to ${where}? [y/N] `);
    const confirmed = /^y(es)?$/i.test(answer.trim());
    if (!confirmed) this.ctx.err(`Not ${this.#done.toLowerCase()}.`);
    return confirmed;
  }

  /** 5. Back up, write, read back, move the base. */
  async #write(comparison: Comparison, confirmed: boolean): Promise<void> {
    const { ctx, options } = this;
    const { style } = ctx;
    const show = this.#show;
    const { target, client, plan } = comparison;
    const title = describeTarget(target);
    if (!confirmed) return this.#finish(target, reportOf(comparison, 'not-confirmed'), 'failed');
    try {
      let live = comparison.live;
      if (!options.yes) {
        // Someone may have changed it in the admin panel while we waited for the answer.
        live = await client.getRawConfig();
        if (!jsonEqual(live, comparison.live)) {
          ctx.err(
            `Not ${this.#done.toLowerCase()}: the live configuration of ${title} changed while you were deciding. Run ${this.#verb} again to see the new differences.`,
          );
          return this.#finish(target, reportOf(comparison, 'refused'), 'failed');
        }
      }
      const backup = await writeBackup(ctx, target, live);
      await client.putConfig(parseOrgConfig(plan.body));
      const after = await client.getRawConfig();
      const notAsSent = diffConfigs(plan.body, after);
      await recordBase(ctx, target, after);
      show(style('dim', `Backup of the live configuration before the write: ${backup}`));
      if (notAsSent.length) {
        show(
          `${style('yellow', 'warning')}: read back, the server holds ${plural(notAsSent.length, 'field')} otherwise than sent (changed or ignored by the server):`,
        );
        for (const line of renderDifferences(notAsSent, style)) show(line.replace(/^ {2}/, '    '));
      } else show(style('dim', 'Read back: the server holds what was sent.'));
      if (!options.json)
        ctx.out(`${style('green', this.#done)} ${plural(plan.differences.length, 'change')} to ${title}.`);
      this.#finish(target, { ...reportOf(comparison, 'applied'), backup, notAsSent }, 'ok');
    } catch (error) {
      this.#fail(target, error);
    }
  }
}

async function apply(ctx: Context, verb: 'apply' | 'push', file: string | undefined, options: ApplyOptions) {
  const targets = file ? [fileTarget(ctx, file, options)] : await workspaceTargetsFor(ctx, options);
  await new ApplyRun(ctx, verb, file, options).run(targets);
}

function printProblems(ctx: Context, problems: readonly FileProblem[], write: (text: string) => void, file?: string) {
  const byFile = new Map<string, FileProblem[]>();
  for (const p of problems) byFile.set(p.file, [...(byFile.get(p.file) ?? []), p]);
  for (const [name, list] of byFile) {
    write(`${file && name === file ? file : name}: ${ctx.style('red', plural(list.length, 'problem'))}`);
    for (const p of list) write(`  ${ctx.style('bold', p.path)}: ${p.message}`);
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
