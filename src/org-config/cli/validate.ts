/**
 * `validate [file]`: offline. A file is checked as a whole configuration (every field
 * the client requires); in a workspace, each target's files merged, completed with its
 * base snapshot's fields (what apply would take from the server).
 */
import type { Command } from 'commander';
import { planPush } from '../diff.js';
import { plural } from '../terminal.js';
import { validateOrgConfig } from '../validate.js';
import { checkFiles } from './compare.js';
import { validationJson, type Context } from './context.js';
import { withJson, withTargets } from './options.js';
import { readBase } from './state.js';
import { workspaceTargetsFor, type ConnectionOptions } from './targets.js';

export function registerValidate(program: Command, ctx: Context): void {
  withJson(
    withTargets(program.command('validate').argument('[file]', 'a configuration file (JSON); none: the workspace')),
  )
    .description(
      'Check a configuration file, or every target of the workspace, offline; list every problem with its path.',
    )
    .action(async (file: string | undefined, options: ConnectionOptions & { json?: boolean }) => {
      if (file) await validateFile(ctx, file, options);
      else await validateWorkspace(ctx, options);
    });
}

async function validateFile(ctx: Context, file: string, options: { json?: boolean }): Promise<void> {
  const { validation } = await ctx.readConfig(file);
  const { style } = ctx;
  if (options.json) {
    ctx.json({ file, ...validationJson(validation) });
  } else {
    if (validation.ok) ctx.out(`${file}: ${style('green', 'valid')}`);
    else ctx.printProblems(file, validation);
    ctx.printWarnings(file, validation, ctx.out);
    if (!validation.ok && validation.problems.some((p) => p.message.startsWith('required:')))
      ctx.out(style('dim', 'note: apply accepts a file without a required field when the live configuration has it'));
    if (validation.unknownFields.length)
      ctx.out(
        style(
          'dim',
          `note: ${plural(validation.unknownFields.length, 'field')} the schema does not know, kept as is: ${validation.unknownFields.join(', ')}`,
        ),
      );
  }
  ctx.outcome = validation.ok ? 'ok' : 'failed';
}

async function validateWorkspace(ctx: Context, options: ConnectionOptions & { json?: boolean }): Promise<void> {
  const targets = await workspaceTargetsFor(ctx, options);
  const reports = [];
  for (const target of targets) {
    const { config, problems, warnings } = await checkFiles(ctx, target);
    const base = await readBase(ctx, target);
    // What apply would send if the server still holds the base: the files plus the base's other fields.
    const whole =
      config && !problems.length ? validateOrgConfig(base ? planPush(base.config, config).body : config) : undefined;
    const all = [
      ...problems,
      ...(whole && !whole.ok ? whole.problems.map((p) => ({ ...p, file: target.files.at(-1)! })) : []),
    ];
    reports.push({ target: target.name, files: target.files, valid: all.length === 0, problems: all, warnings });
    if (!options.json) {
      ctx.out(
        `${target.name}: ${all.length ? ctx.style('red', plural(all.length, 'problem')) : ctx.style('green', 'valid')}`,
      );
      for (const p of all) ctx.out(`  ${p.file}: ${ctx.style('bold', p.path)}: ${p.message}`);
      for (const w of warnings) ctx.out(`  ${ctx.style('yellow', 'warning')}: ${w.file}: ${w.path}: ${w.message}`);
    }
  }
  if (options.json) ctx.json({ version: 1, command: 'validate', targets: reports });
  ctx.outcome = reports.every((r) => r.valid) ? 'ok' : 'failed';
}
