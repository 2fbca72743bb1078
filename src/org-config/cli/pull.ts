/**
 * `pull [file]`: the live configuration into a file (or stdout), exactly as the server
 * sends it, its base snapshot recorded beside the file. `pull --merge`: the live changes
 * since the base brought into the file, or into every workspace target's files.
 */
import type { Command } from 'commander';
import { plural } from '../terminal.js';
import { validateOrgConfig } from '../validate.js';
import { isFailure, type Failure } from './compare.js';
import { jsonText, validationJson, type Context } from './context.js';
import { worst } from './exit-codes.js';
import { mergeTarget, type MergeResult } from './merge.js';
import { withConnection, withJson } from './options.js';
import { renderLiveChanges } from './report.js';
import { recordBase } from './state.js';
import { clientFor, describeTarget, fileTarget, workspaceTargetsFor, type ConnectionOptions } from './targets.js';

type PullOptions = ConnectionOptions & { json?: boolean; merge?: boolean };

export function registerPull(program: Command, ctx: Context): void {
  withJson(
    withConnection(program.command('pull').argument('[file]', 'where to write it (default: stdout)'), {
      workspace: true,
    }),
  )
    .description(
      'Write the live configuration to a file (or stdout), exactly as the server sends it, and record it as the base. --merge: bring the live changes since the base into the file, or into the workspace’s files.',
    )
    .option('--merge', 'merge the live changes since the base into the files, where they do not conflict')
    .action(async (file: string | undefined, options: PullOptions) => {
      if (options.merge) return merge(ctx, file, options);
      await pullWhole(ctx, file, options);
    });
}

async function pullWhole(ctx: Context, file: string | undefined, options: PullOptions): Promise<void> {
  const toFile = file !== undefined && file !== '-';
  const target = fileTarget(ctx, toFile ? file : '-', options);
  const client = clientFor(ctx, target, options);
  const live = await client.getRawConfig();
  const validation = validateOrgConfig(live);
  const fields = Object.keys(live).length;
  if (toFile) {
    await ctx.writeText(file, jsonText(live));
    await recordBase(ctx, target, live);
    if (options.json)
      ctx.json({
        file,
        fields,
        ...validationJson(validation),
      });
    else ctx.err(`Wrote the configuration of ${describeTarget(target)} to ${file} (${plural(fields, 'field')}).`);
  } else {
    ctx.io.stdout.write(ctx.scrub(jsonText(live)));
  }
  if (!validation.ok) {
    ctx.warn('the live configuration does not pass this version’s schema (saved as it is):');
    ctx.printProblems('live configuration', validation, ctx.err);
  }
}

async function merge(ctx: Context, file: string | undefined, options: PullOptions): Promise<void> {
  const targets = file ? [fileTarget(ctx, file, options)] : await workspaceTargetsFor(ctx, options);
  const results = [];
  for (const target of targets) results.push(await mergeTarget(ctx, target, options));
  if (options.json) {
    ctx.json({
      version: 1,
      command: 'pull --merge',
      targets: results.map((r) =>
        isFailure(r)
          ? { target: r.target.name, status: 'error', error: { code: r.code ?? null, message: r.message } }
          : {
              target: r.target.name,
              status: r.conflicts.length ? 'conflicts' : 'merged',
              file: r.file,
              merged: r.merged,
              conflicts: r.conflicts,
              unbased: r.unbased,
              baseRecorded: r.baseRecorded,
            },
      ),
    });
  } else {
    for (const result of results) renderMerge(ctx, result);
  }
  ctx.outcome = worst(results.map((r) => (isFailure(r) ? r.outcome : r.conflicts.length ? 'failed' : 'ok')));
}

function renderMerge(ctx: Context, r: MergeResult | Failure): void {
  const title = ctx.style('bold', describeTarget(r.target));
  if (isFailure(r)) {
    ctx.err(`${title}: ${ctx.style('red', 'error')}: ${r.message}`);
    return;
  }
  if (!r.merged.length && !r.conflicts.length) ctx.out(`${title}: nothing to merge: the files hold every live change`);
  if (r.merged.length)
    ctx.out(
      `${title}: merged ${plural(r.merged.length, 'live change')} into ${r.file}: ${r.merged.map((c) => c.field).join(', ')}`,
    );
  if (r.unbased.length)
    ctx.out(
      ctx.style(
        'dim',
        `  no base snapshot: ${plural(r.unbased.length, 'field')} differ between the files and the server (apply would send the files’): ${r.unbased.join(', ')}`,
      ),
    );
  if (r.conflicts.length) {
    ctx.out(
      `  ${ctx.style('red', plural(r.conflicts.length, 'conflict'))}, left as they are (the base stays, so apply still refuses):`,
    );
    for (const line of renderLiveChanges(ctx, r.conflicts)) ctx.out(line);
  } else if (r.baseRecorded) ctx.out(ctx.style('dim', '  base snapshot recorded: the live configuration as it is now'));
}
