/**
 * `diff <file>`: one file against the live configuration, field by field; exits 1 when
 * they differ (as in 0.1). `plan` is the same comparison with CI's exit codes and the
 * lost-update check.
 */
import type { Command } from 'commander';
import { planPush } from '../diff.js';
import { plural, renderDifferences, summariseDifferences } from '../terminal.js';
import { validationJson, type Context } from './context.js';
import { withConnection, withJson } from './options.js';
import { clientFor, describeTarget, fileTarget, type ConnectionOptions } from './targets.js';

export function registerDiff(program: Command, ctx: Context): void {
  withJson(withConnection(program.command('diff').argument('<file>', 'a configuration file (JSON)')))
    .description('Compare a file with the live configuration, field by field (exit 1 if they differ; plan exits 2).')
    .action(async (file: string, options: ConnectionOptions & { json?: boolean }) => {
      const { style } = ctx;
      const { validation, value } = await ctx.readConfig(file, { partial: true });
      if (!value) {
        ctx.printProblems(file, validation, ctx.err);
        ctx.outcome = 'failed';
        return;
      }
      const target = fileTarget(ctx, file, options);
      const live = await clientFor(ctx, target, options).getRawConfig();
      const plan = planPush(live, value);
      if (options.json) {
        ctx.json({
          file,
          ...validationJson(validation),
          differences: plan.differences,
          keptFromServer: plan.keptFromServer,
        });
      } else {
        if (!validation.ok) {
          ctx.warn('push would refuse this file:');
          ctx.printProblems(file, validation, ctx.err);
        }
        ctx.printWarnings(file, validation);
        const where = describeTarget(target);
        if (plan.differences.length) {
          ctx.out(
            style(
              'bold',
              `${plural(plan.differences.length, 'difference')} from the live configuration (${where}) to ${file}:`,
            ),
          );
          for (const line of renderDifferences(plan.differences, style)) ctx.out(line);
          ctx.out(style('dim', summariseDifferences(plan.differences)));
        } else {
          ctx.out(`${style('green', 'No differences')}: ${file} matches the live configuration of ${where}.`);
        }
        if (plan.keptFromServer.length)
          ctx.out(
            style(
              'dim',
              `Only on the server, kept by push: ${plan.keptFromServer.join(', ')} (pull to add them to the file)`,
            ),
          );
      }
      ctx.outcome = plan.differences.length ? 'changes' : 'ok';
    });
}
