/// <reference types="node" />
/**
 * `closer-config`: an organisation's configuration as code. Node only;
 * `bin/closer-config.js` runs `main`. One file per command in ./cli/; the exit codes
 * are one table (./cli/exit-codes.ts). See docs/org-config.md.
 *
 * Parser: commander 14 (zero dependencies, supports Node ≥ 20, per-command `--help`
 * and usage errors for free; `util.parseArgs` has no subcommands or help).
 */
import { readFile } from 'node:fs/promises';
import { Command, CommanderError } from 'commander';
import { OrgConfigError } from './errors.js';
import { registerApply } from './cli/apply.js';
import { CliError, Context, type CliIo } from './cli/context.js';
import { registerDiff } from './cli/diff.js';
import { registerDrift } from './cli/drift.js';
import { OUTCOME_OF_ERROR, exitCode, exitCodesHelp, type Outcome } from './cli/exit-codes.js';
import { registerHours } from './cli/hours.js';
import { registerInit } from './cli/init.js';
import { registerPlan } from './cli/plan.js';
import { registerPull } from './cli/pull.js';
import { registerSchema } from './cli/schema.js';
import { registerValidate } from './cli/validate.js';

export type { CliIo } from './cli/context.js';
export { OUTCOMES } from './cli/exit-codes.js';

const ENVIRONMENT_HELP = `
Environment:
  CLOSER_API_KEY   with a file: the adviser's api key (apply: an adviser with admin permission)
  CLOSER_ORG_ID    with a file: the organisation's id, if --org is not given
  (a workspace)    each environment's key, in the variable its apiKeyEnv names
  NO_COLOR         set to disable colours (they are used only when stdout is a terminal)
`;

/** The command's `--api-key` value, wherever it was given: scrubbed before anything is parsed. */
function flagSecrets(argv: readonly string[]): string[] {
  return argv.flatMap((arg, i) =>
    arg === '--api-key' ? [argv[i + 1] ?? ''] : arg.startsWith('--api-key=') ? [arg.slice('--api-key='.length)] : [],
  );
}

/** Runs the CLI; resolves to the exit code. */
export async function main(argv: readonly string[], io: CliIo = process): Promise<number> {
  const ctx = new Context(io);
  ctx.addSecret(io.env.CLOSER_API_KEY);
  flagSecrets(argv).forEach((secret) => ctx.addSecret(secret));
  // The command decides what an outcome's exit code is (plan and drift have their own).
  const command = argv.find((arg) => !arg.startsWith('-'));

  const program = new Command('closer-config')
    .description(
      'An organisation’s Closer configuration as code: pull it into git, validate, plan and apply it, for one file or a workspace of environments and organisations.',
    )
    .version(await packageVersion(), '-V, --version')
    .exitOverride()
    .showHelpAfterError('(add --help for usage)')
    .configureOutput({
      writeOut: (s) => void io.stdout.write(ctx.scrub(s)),
      writeErr: (s) => void io.stderr.write(ctx.scrub(s)),
    })
    .addHelpText('afterAll', `\n${exitCodesHelp()}\n${ENVIRONMENT_HELP}`);

  for (const register of [
    registerInit,
    registerPull,
    registerValidate,
    registerPlan,
    registerApply('apply'),
    registerApply('push'),
    registerDrift,
    registerDiff,
    registerHours,
    registerSchema,
  ])
    register(program, ctx);

  const end = (outcome: Outcome) => exitCode(outcome, command);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return end(ctx.outcome);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version end here too, with exit code 0; commander printed the message.
      return error.exitCode === 0 ? end('ok') : end('usage');
    }
    if (error instanceof CliError) {
      ctx.err(`closer-config: ${error.message}`);
      return end(error.outcome);
    }
    if (error instanceof OrgConfigError) {
      ctx.err(`closer-config: ${error.message.replace(/^\[closer-config\] /, '')}`);
      return end(OUTCOME_OF_ERROR[error.code]);
    }
    ctx.err(
      `closer-config: internal error (please report): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    return end('internal');
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
