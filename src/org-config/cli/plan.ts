/**
 * `plan [file]`: per target, what `apply` would change, and whether it would refuse
 * (the server changed since the base). Exit 0 no changes, 2 changes, 1 any error.
 */
import type { Command } from 'commander';
import { plural } from '../terminal.js';
import { compareTarget, outcomeOf } from './compare.js';
import type { Context } from './context.js';
import { worst } from './exit-codes.js';
import { withConnection, withJson } from './options.js';
import { jsonDocument, renderComparison, reportOf } from './report.js';
import { fileTarget, workspaceTargetsFor, type ConnectionOptions } from './targets.js';

export function registerPlan(program: Command, ctx: Context): void {
  withJson(
    withConnection(program.command('plan').argument('[file]', 'a configuration file (JSON); none: the workspace'), {
      workspace: true,
    }),
    'print the versioned JSON shape for CI (docs/org-config.md)',
  )
    .description('Show what apply would change, per target (exit 0 no changes, 2 changes, 1 error).')
    .action(async (file: string | undefined, options: ConnectionOptions & { json?: boolean }) => {
      const targets = file ? [fileTarget(ctx, file, options)] : await workspaceTargetsFor(ctx, options);
      const results = [];
      for (const target of targets) {
        const result = await compareTarget(ctx, target, options);
        results.push(result);
        if (!options.json) renderComparison(ctx, result);
      }
      const reports = results.map((r) => reportOf(r));
      if (options.json) ctx.json(jsonDocument('plan', reports));
      else {
        const changed = reports.filter((r) => r.status === 'changes').length;
        const broken = reports.filter((r) => r.status === 'invalid' || r.status === 'error').length;
        ctx.out(
          ctx.style(
            'bold',
            `Plan: ${plural(changed, 'target')} to change, ${reports.length - changed - broken} unchanged${broken ? `, ${broken} failed` : ''}.`,
          ),
        );
      }
      ctx.outcome = worst(results.map(outcomeOf));
    });
}
