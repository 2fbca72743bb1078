/**
 * The targets a command works on, in either mode: a file named on the command line
 * (`plan org.json --org <id>`), or every target of the workspace (`plan`, picked with
 * `--org`/`--env`). Also the client for a target (its key from the environment only)
 * and a target's configuration resolved from its files.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { CLOSER_HOSTS, createOrgConfigClient, type OrgConfigClient } from '../client.js';
import type { OrgConfigProblem } from '../errors.js';
import { deepMerge, isRecord } from '../json.js';
import { validateOrgConfig, type OrgConfigValidation } from '../validate.js';
import { CliError, withoutSchemaKey, type Context } from './context.js';
import { WORKSPACE_FILE, loadWorkspace, pickTargets, workspaceTargets, type Target } from './workspace.js';

/** The options of commands that reach the API. */
export interface ConnectionOptions {
  readonly org?: string[];
  readonly env?: string[];
  readonly stage?: boolean;
  readonly baseUrl?: string;
  readonly apiKey?: string;
  readonly timeout?: number;
  readonly workspace?: string;
}

/** `--org` once, for single-file use: the org id, or $CLOSER_ORG_ID. */
function singleOrgId(ctx: Context, options: ConnectionOptions): string {
  if ((options.org?.length ?? 0) > 1) throw new CliError('usage', 'a single file is one organisation: give --org once');
  const orgId = options.org?.[0] ?? ctx.io.env.CLOSER_ORG_ID;
  if (!orgId) throw new CliError('usage', 'which organisation? pass --org <org id> or set CLOSER_ORG_ID');
  return orgId;
}

/** The target of a single file: the org from --org, the host from --stage/--base-url. */
export function fileTarget(ctx: Context, file: string, options: ConnectionOptions): Target {
  if (options.env?.length)
    throw new CliError('usage', '--env picks targets of a workspace; with a file, use --stage or --base-url');
  const orgId = singleOrgId(ctx, options);
  return {
    name: file,
    orgId,
    baseUrl: options.baseUrl ?? (options.stage ? CLOSER_HOSTS.stage : CLOSER_HOSTS.production),
    files: [file],
    ownFile: file,
    stateDir: dirname(resolve(file)),
    stateKey: basename(file),
  };
}

/** The workspace file: --workspace, or closer-config.json here. */
export function workspacePath(options: ConnectionOptions): string {
  return resolve(options.workspace ?? WORKSPACE_FILE);
}

/** The workspace's targets picked by --org/--env; refuses the single-file flags. */
export async function workspaceTargetsFor(ctx: Context, options: ConnectionOptions): Promise<Target[]> {
  const path = workspacePath(options);
  if (!existsSync(path))
    throw new CliError(
      'usage',
      `no ${WORKSPACE_FILE} here: name a configuration file (with --org), pass --workspace <file>, or create one with closer-config init`,
    );
  for (const [flag, given] of [
    ['--api-key', options.apiKey !== undefined],
    ['--stage', options.stage],
    ['--base-url', options.baseUrl !== undefined],
  ] as const) {
    if (given)
      throw new CliError(
        'usage',
        `${flag} is for a single file; a workspace names each environment’s host and the variable with its key`,
      );
  }
  const workspace = await loadWorkspace(ctx, path);
  // Every key the workspace names is scrubbed from the output, whichever target fails.
  for (const environment of Object.values(workspace.data.environments))
    ctx.addSecret(ctx.io.env[environment.apiKeyEnv]);
  const targets = pickTargets(workspaceTargets(workspace), options.org ?? [], options.env ?? []);
  if (!targets.length) throw new CliError('usage', 'no target matches --org and --env together');
  return targets;
}

/** The client for a target: the key from its environment variable (or CLOSER_API_KEY / --api-key for a file). */
export function clientFor(ctx: Context, target: Target, options: ConnectionOptions): OrgConfigClient {
  let apiKey: string | undefined;
  if (target.apiKeyEnv) {
    apiKey = ctx.io.env[target.apiKeyEnv];
    if (!apiKey)
      throw new CliError(
        'usage',
        `no api key for ${target.name}: set the environment variable ${target.apiKeyEnv} (the workspace names it for environment ${target.env})`,
      );
  } else {
    if (options.apiKey !== undefined)
      ctx.warn('--api-key leaves the key in your shell history and the process list; set CLOSER_API_KEY instead');
    apiKey = options.apiKey ?? ctx.io.env.CLOSER_API_KEY;
    if (!apiKey)
      throw new CliError(
        'usage',
        'no api key: set CLOSER_API_KEY to an adviser’s api key (apply needs an adviser with admin permission)',
      );
  }
  ctx.addSecret(apiKey);
  return createOrgConfigClient({ orgId: target.orgId, apiKey, baseUrl: target.baseUrl, timeoutMs: options.timeout });
}

/** `org 4f1c… on spinner.closer.app`, or `acme/prod (org 4f1c… on spinner.closer.app)`. */
export function describeTarget(target: Target): string {
  const where = `org ${target.orgId} on ${new URL(target.baseUrl).host}`;
  return target.workspace ? `${target.name} (${where})` : where;
}

/** A target's configuration from its files. */
export interface ResolvedConfig {
  /** The merged configuration; undefined when a file is not a JSON object. */
  readonly config: Record<string, unknown> | undefined;
  /** Checked as a part (no field required): `apply` completes it with the live configuration. */
  readonly validation: OrgConfigValidation;
  /** Which file each problem and warning comes from (the last file setting its top-level field). */
  readonly fileOf: (problem: OrgConfigProblem) => string;
}

/** Reads and merges the target's files (objects merge, arrays replace), then validates the result. */
export async function resolveConfig(ctx: Context, target: Target): Promise<ResolvedConfig> {
  let config: Record<string, unknown> = {};
  const source = new Map<string, string>();
  for (const file of target.files) {
    const read = await ctx.readConfig(file, { partial: true });
    if (!read.value) {
      const validation = read.parsed === undefined ? read.validation : validateOrgConfig(read.parsed);
      return { config: undefined, validation, fileOf: () => file };
    }
    config = deepMerge(config, read.value);
    for (const key of Object.keys(read.value)) source.set(key, file);
  }
  const validation = validateOrgConfig(config, { partial: true });
  const fileOf = (problem: OrgConfigProblem) => {
    const top = problem.segments[0];
    return (typeof top === 'string' && source.get(top)) || target.files.at(-1)!;
  };
  return { config, validation, fileOf };
}

/** A target's configuration read from one object (what `pull` got), without `$schema`. */
export const configOf = (value: unknown): Record<string, unknown> => (isRecord(value) ? withoutSchemaKey(value) : {});
