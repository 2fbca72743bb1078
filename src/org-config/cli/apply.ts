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
import { jsonDocument, renderLiveChanges, reportOf, type TargetReport, type TargetStatus } from './report.js';
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

interface Pending {
  readonly comparison: Comparison;
}

async function apply(ctx: Context, verb: 'apply' | 'push', file: string | undefined, options: ApplyOptions) {
  const { style } = ctx;
  const Verb = verb === 'push' ? 'Push' : 'Apply';
  const done = verb === 'push' ? 'Pushed' : 'Applied';
  const show = options.json ? ctx.err : ctx.out;
  const targets = file ? [fileTarget(ctx, file, options)] : await workspaceTargetsFor(ctx, options);
  const reports = new Map<Target, TargetReport>();
  const outcomes: Outcome[] = [];
  const finish = (target: Target, report: TargetReport, outcome: Outcome) => {
    reports.set(target, report);
    outcomes.push(outcome);
  };

  // 1. Offline: an invalid file costs no request.
  const valid: { target: Target; config: Record<string, unknown>; warnings: readonly FileProblem[] }[] = [];
  for (const target of targets) {
    const { config, problems, warnings } = await checkFiles(ctx, target);
    for (const w of warnings) ctx.err(`${style('yellow', 'warning')}: ${w.file}: ${w.path}: ${w.message}`);
    if (config && !problems.length) {
      valid.push({ target, config, warnings });
      continue;
    }
    const failure: Failure = { target, outcome: 'failed', message: 'invalid', problems, warnings };
    printProblems(ctx, failure.problems, file ? (options.json ? ctx.err : ctx.out) : show, file);
    ctx.err(
      `Nothing was sent${file ? '' : ` to ${target.name}`}: fix ${[...new Set(problems.map((p) => p.file))].join(', ') || target.files.join(', ')} first.`,
    );
    finish(target, reportOf(failure), 'failed');
  }
  if (valid.length && !options.yes && ctx.io.stdin.isTTY !== true) {
    throw new CliError(
      'usage',
      `refusing to ${verb} without confirmation: stdin is not a terminal. Review with \`closer-config plan\`, then pass --yes.`,
    );
  }

  // 2–3. Read, compare, refuse what would lose a live change.
  const pending: Pending[] = [];
  for (const { target, config, warnings } of valid) {
    let comparison: Comparison;
    try {
      const client = clientFor(ctx, target, options);
      comparison = await compareWithLive(ctx, target, client, config, await client.getRawConfig(), warnings);
    } catch (error) {
      const failure = failureOf(target, error, warnings);
      ctx.err(`closer-config: ${file ? '' : `${target.name}: `}${failure.message}`);
      finish(target, reportOf(failure), failure.outcome);
      continue;
    }
    const title = describeTarget(target);
    if (comparison.problems.length) {
      printProblems(ctx, comparison.problems, show, file);
      ctx.err(`Nothing was sent to ${title}: what it would send lacks a field the client requires.`);
      finish(target, reportOf(comparison), outcomeOf(comparison));
      continue;
    }
    if (comparison.lost.length && !options.force) {
      show(
        `${style('red', `Refused: ${title}`)}: the live configuration changed since the base (recorded ${comparison.base!.recordedAt}), and ${verb} would undo ${comparison.lost.length === 1 ? 'one of those changes' : `${comparison.lost.length} of those changes`}:`,
      );
      for (const line of renderLiveChanges(ctx, comparison.liveChanges)) show(line);
      show(
        'Run `closer-config pull --merge` to bring the live changes into the files, or pass --force to overwrite them.',
      );
      finish(target, reportOf(comparison, 'refused'), 'failed');
      continue;
    }
    const { differences, keptFromServer } = comparison.plan;
    if (!differences.length) {
      // The files and the server agree: that is the new base.
      await recordBase(ctx, target, comparison.live);
      if (!options.json)
        ctx.out(`Nothing to ${verb}: ${file ?? target.name} matches the live configuration of ${title}.`);
      finish(target, reportOf(comparison), 'ok');
      continue;
    }
    if (comparison.lost.length)
      show(
        style(
          'yellow',
          `--force: overwriting ${plural(comparison.lost.length, 'change')} made on the server since the base.`,
        ),
      );
    const to = target.workspace ? title : `the live configuration (${title})`;
    show(style('bold', `${plural(differences.length, 'change')} to ${to}:`));
    for (const line of renderDifferences(differences, style)) show(line);
    if (keptFromServer.length)
      show(style('dim', `Kept from the server (not in the file): ${keptFromServer.join(', ')}`));
    pending.push({ comparison });
  }

  // 4. One question for all.
  const total = pending.reduce((n, p) => n + p.comparison.plan.differences.length, 0);
  let confirmed = options.yes === true;
  if (pending.length && !confirmed) {
    const where =
      pending.length === 1 ? describeTarget(pending[0].comparison.target) : plural(pending.length, 'target');
    const answer = await ask(ctx.io, `${Verb} ${plural(total, 'change')} to ${where}? [y/N] `);
    confirmed = /^y(es)?$/i.test(answer.trim());
    if (!confirmed) ctx.err(`Not ${done.toLowerCase()}.`);
  }

  // 5. Back up, write, read back.
  for (const { comparison } of pending) {
    const { target, client, plan } = comparison;
    const title = describeTarget(target);
    if (!confirmed) {
      finish(target, reportOf(comparison, 'not-confirmed'), 'failed');
      continue;
    }
    try {
      let live = comparison.live;
      if (!options.yes) {
        // Someone may have changed it in the admin panel while we waited for the answer.
        live = await client.getRawConfig();
        if (!jsonEqual(live, comparison.live)) {
          ctx.err(
            `Not ${done.toLowerCase()}: the live configuration of ${title} changed while you were deciding. Run ${verb} again to see the new differences.`,
          );
          finish(target, reportOf(comparison, 'refused'), 'failed');
          continue;
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
      if (!options.json) ctx.out(`${style('green', done)} ${plural(plan.differences.length, 'change')} to ${title}.`);
      finish(target, { ...reportOf(comparison, 'applied' satisfies TargetStatus), backup, notAsSent }, 'ok');
    } catch (error) {
      const failure = failureOf(target, error);
      ctx.err(`closer-config: ${file ? '' : `${target.name}: `}${failure.message}`);
      finish(target, reportOf(failure), failure.outcome);
    }
  }

  if (options.json)
    ctx.json(
      jsonDocument(
        'apply',
        targets.map((t) => reports.get(t)!),
      ),
    );
  ctx.outcome = worst(outcomes);
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
