/** The options several commands share, declared once. */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { CLOSER_HOSTS } from '../client.js';
import { WORKSPACE_FILE } from './workspace.js';

/** `--timeout <ms>`: a positive whole number. */
export const positiveInteger = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected milliseconds, a positive whole number.');
  return n;
};
/** For an option given several times: every value, in order. */
export const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

/** Which workspace targets: `--org`, `--env` (each repeatable) and `--workspace`. */
export const withTargets = (command: Command, { org = true } = {}) => {
  if (org) command.option('--org <name>', 'in a workspace: the organisations to pick (repeat)', collect);
  return command
    .option('--env <name>', 'in a workspace: the environments to pick (repeat)', collect)
    .option('--workspace <file>', `the workspace file (default: ./${WORKSPACE_FILE})`);
};

/** How to reach the API: a file's org and host, or the workspace's targets. */
export const withConnection = (command: Command, { workspace = false } = {}) => {
  command
    .option(
      '--org <id>',
      workspace
        ? 'with a file: the organisation id (default: $CLOSER_ORG_ID); in a workspace: the organisations to pick (repeat)'
        : 'the organisation id (default: $CLOSER_ORG_ID)',
      collect,
    )
    .addOption(new Option('--stage', `with a file: use the stage host (${CLOSER_HOSTS.stage})`).conflicts('baseUrl'))
    .option('--base-url <url>', `with a file: the API host (default: ${CLOSER_HOSTS.production})`)
    .option('--api-key <key>', 'with a file: the api key (prefer $CLOSER_API_KEY: a flag leaks into shell history)')
    .option('--timeout <ms>', 'per request, in milliseconds (default: 10000)', positiveInteger);
  return workspace ? withTargets(command, { org: false }) : command;
};

export const withJson = (command: Command, what = 'print a JSON result for scripts') => command.option('--json', what);
