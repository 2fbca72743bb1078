/**
 * How a command ends, as one table: each outcome's exit code for every command, and
 * for `plan` and `drift`, which follow `terraform plan -detailed-exitcode` (0 no
 * changes, 2 changes, 1 any error) so that CI can tell "changes" from "broken".
 * `--help` and docs/org-config.md print this table; a test holds them together.
 */
import type { OrgConfigErrorCode } from '../errors.js';

export const OUTCOMES = {
  ok: { exit: 0, detailed: 0, help: 'success: valid, no differences, pulled, applied (or nothing to apply)' },
  changes: { exit: 1, detailed: 2, help: 'diff found differences' },
  failed: {
    exit: 1,
    detailed: 1,
    help: 'the check failed: an invalid file, or apply refused (a lost update) or not confirmed',
  },
  usage: {
    exit: 2,
    detailed: 1,
    help: 'usage: unknown command or option, missing argument, --org or the api key missing,\n      unreadable file or workspace, apply without --yes when stdin is not a terminal',
  },
  auth: {
    exit: 3,
    detailed: 1,
    help: 'the api key was refused (401) or may not do this (403; apply needs an admin’s key)',
  },
  notFound: { exit: 4, detailed: 1, help: 'no such organisation on this host (404)' },
  server: {
    exit: 5,
    detailed: 1,
    help: 'network or server: unreachable, timeout, 5xx, another 4xx, or a reply that is not JSON',
  },
  /** A bug in closer-config; not listed in the help. */
  internal: { exit: 70, detailed: 1, help: '' },
} as const;

export type Outcome = keyof typeof OUTCOMES;

/** The commands whose exit codes are the detailed ones. */
export const DETAILED_EXIT_COMMANDS = ['plan', 'drift'] as const;

/** The outcome of an error of the library, by its code. */
export const OUTCOME_OF_ERROR: Record<OrgConfigErrorCode, Outcome> = {
  unauthorized: 'auth',
  forbidden: 'auth',
  'not-found': 'notFound',
  rejected: 'server',
  server: 'server',
  network: 'server',
  timeout: 'server',
  aborted: 'server',
  'invalid-response': 'server',
  'invalid-config': 'failed',
  'invalid-schedule': 'usage',
  'invalid-option': 'usage',
};

/** The exit code of `outcome` for `command`. */
export function exitCode(outcome: Outcome, command: string | undefined): number {
  const detailed = (DETAILED_EXIT_COMMANDS as readonly (string | undefined)[]).includes(command);
  return detailed ? OUTCOMES[outcome].detailed : OUTCOMES[outcome].exit;
}

/** The worst of several outcomes (a run over many targets ends with the worst one). */
export function worst(outcomes: readonly Outcome[]): Outcome {
  const rank: Outcome[] = ['ok', 'changes', 'failed', 'server', 'notFound', 'auth', 'usage', 'internal'];
  return outcomes.reduce<Outcome>((a, b) => (rank.indexOf(b) > rank.indexOf(a) ? b : a), 'ok');
}

/** The exit codes for `--help`, from the table: one line per code. */
export function exitCodesHelp(): string {
  const byCode = new Map<number, string[]>();
  for (const { exit, help } of Object.values(OUTCOMES)) if (help) byCode.set(exit, [...(byCode.get(exit) ?? []), help]);
  return [
    'Exit codes:',
    ...[...byCode].map(([code, helps]) => `  ${code}   ${helps.join('; ')}`),
    `  ${DETAILED_EXIT_COMMANDS.join(' and ')}: 0 no changes, 2 changes, 1 any error (as terraform plan -detailed-exitcode)`,
  ].join('\n');
}
