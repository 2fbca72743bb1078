/**
 * `drift [file]`: does the live configuration still match the files? For a scheduled
 * CI job: exit 0 no drift, 2 drift, 1 any error. Each difference is told apart: changed
 * on the server since the base (someone used the admin panel), or only in the files
 * (merged, not applied yet).
 */
import type { Command } from 'commander';
import { plural, renderDifferences } from '../terminal.js';
import { compareTarget, differencesBySource, isFailure, outcomeOf } from './compare.js';
import type { Context } from './context.js';
import { worst } from './exit-codes.js';
import { withConnection, withJson } from './options.js';
import { jsonDocument, renderComparison, reportOf } from './report.js';
import { describeTarget, fileTarget, workspaceTargetsFor, type ConnectionOptions } from './targets.js';

export function registerDrift(program: Command, ctx: Context): void {
  withJson(
    withConnection(program.command('drift').argument('[file]', 'a configuration file (JSON); none: the workspace'), {
      workspace: true,
    }),
    'print the versioned JSON shape for CI (docs/org-config.md)',
  )
    .description('Compare the live configuration with the files for every target (exit 0 none, 2 drift, 1 error).')
    .action(async (file: string | undefined, options: ConnectionOptions & { json?: boolean }) => {
      const { style } = ctx;
      const targets = file ? [fileTarget(ctx, file, options)] : await workspaceTargetsFor(ctx, options);
      const results = [];
      for (const target of targets) {
        const result = await compareTarget(ctx, target, options);
        results.push(result);
        if (options.json) continue;
        if (isFailure(result) || result.problems.length) {
          renderComparison(ctx, result);
          continue;
        }
        const title = style('bold', describeTarget(target));
        if (!result.plan.differences.length) {
          ctx.out(`${title}: ${style('green', 'no drift')}`);
          continue;
        }
        ctx.out(
          `${title}: ${style('yellow', 'drift')}, ${plural(result.plan.differences.length, 'difference')} from the live configuration to the files`,
        );
        const { live, files } = differencesBySource(result);
        if (live.length) {
          ctx.out(
            `  changed on the server since the base${result.base ? ` (${result.base.recordedAt})` : ''}: pull --merge brings them into the files`,
          );
          for (const line of renderDifferences(live, style)) ctx.out(`  ${line}`);
        }
        if (files.length) {
          ctx.out(
            `  ${result.base ? 'only in the files, not applied yet' : 'differences (no base snapshot: which side changed is unknown)'}: apply sends them`,
          );
          for (const line of renderDifferences(files, style)) ctx.out(`  ${line}`);
        }
      }
      const reports = results.map((r) => reportOf(r));
      if (options.json)
        ctx.json({ ...jsonDocument('drift', reports), drift: reports.some((r) => r.status === 'changes') });
      else {
        const drifted = reports.filter((r) => r.status === 'changes').length;
        ctx.out(style('bold', `Drift: ${drifted} of ${plural(reports.length, 'target')}.`));
      }
      ctx.outcome = worst(results.map(outcomeOf));
    });
}
