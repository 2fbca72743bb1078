/**
 * The workspace: one JSON file, `closer-config.json`, that names the environments (a
 * base URL and the name of the environment variable holding that environment's api
 * key: keys are never in files) and the organisations, each with its configuration as
 * a base file plus overlays, and its org id in each environment. A *target* is one
 * organisation in one environment: `acme/prod`.
 *
 * JSON rather than YAML: no parser to add to every install of the element (the CLI
 * ships in the same package), the same format as the configuration files and the
 * JSON Schema editors already read, and none of YAML's implicit types (`NO`, `08:00`)
 * in a file about flags and hours.
 */
import { dirname, join, relative, resolve } from 'node:path';
import * as z from 'zod/mini';
import { UUID_PATTERN } from '../client.js';
import { formatPath } from '../path.js';
import { CliError, jsonText, type Context } from './context.js';

export const WORKSPACE_FILE = 'closer-config.json';
/** Beside the workspace (or beside a single file): the base snapshot of each target. In git. */
export const STATE_FILE = 'closer-config.state.json';
/** Beside the workspace (or beside a single file): a copy of the live configuration before each write. */
export const BACKUP_DIR = 'closer-config.backups';

const NAME = /^[a-z0-9][a-z0-9_-]*$/i;
const ENV_VAR = /^[A-Z_][A-Z0-9_]*$/;
const name = () => z.string().check(z.regex(NAME, 'expected a name of letters, digits, - and _'));
const files = () => z.array(z.string().check(z.minLength(1, 'expected a file path')));

const environmentSchema = z.strictObject({
  baseUrl: z.string().check(z.regex(/^https?:\/\/\S+$/, 'expected the API host, like https://spinner.closer.app')),
  apiKeyEnv: z
    .string()
    .check(z.regex(ENV_VAR, 'expected the NAME of an environment variable, like CLOSER_API_KEY_PROD (never the key)')),
  description: z.optional(z.string()),
});

const organisationSchema = z.strictObject({
  /** The configuration every environment of this organisation starts from. */
  base: z.string().check(z.minLength(1, 'expected a file path')),
  /** Merged onto the base in order, for every environment. */
  overlays: z.optional(files()),
  environments: z.record(
    name(),
    z.strictObject({
      orgId: z.string().check(z.regex(UUID_PATTERN, 'expected the organisation’s id in this environment, a UUID')),
      /** Merged last, for this environment only. */
      overlays: z.optional(files()),
    }),
  ),
  description: z.optional(z.string()),
});

export const workspaceSchema = z.strictObject({
  $schema: z.optional(z.string()),
  version: z.literal(1),
  environments: z.record(name(), environmentSchema),
  organisations: z.record(name(), organisationSchema),
});
export type WorkspaceData = z.infer<typeof workspaceSchema>;

export interface Workspace {
  /** The workspace file. */
  readonly path: string;
  readonly dir: string;
  readonly data: WorkspaceData;
}

/** One organisation in one environment, or one file in single-file use. */
export interface Target {
  /** `acme/prod`, or the file's path. */
  readonly name: string;
  readonly org?: string;
  readonly env?: string;
  readonly orgId: string;
  readonly baseUrl: string;
  /** Workspace: the environment variable with the key. Single file: none (CLOSER_API_KEY or --api-key). */
  readonly apiKeyEnv?: string;
  /** The files merged for it, in order (paths as the user would type them). */
  readonly files: readonly string[];
  /** The file only this target reads (its last environment overlay), or where it would go. */
  readonly ownFile: string;
  /** Where its state file and backups are. */
  readonly stateDir: string;
  /** Its key in the state file. */
  readonly stateKey: string;
  readonly workspace?: Workspace;
}

/** The path to show for a file of the workspace: relative to where the user is. */
const shown = (path: string) => relative(process.cwd(), path) || '.';

/** Reads and checks the workspace file; every problem named with its path. */
export async function loadWorkspace(ctx: Context, path: string): Promise<Workspace> {
  const text = await ctx.readText(path);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CliError('usage', `${shown(path)} is not valid JSON: ${(error as Error).message}`);
  }
  if (json && typeof json === 'object' && !('environments' in json) && ('name' in json || 'color' in json)) {
    throw new CliError(
      'usage',
      `${shown(path)} looks like an organisation’s configuration, not a workspace: name the file (plan ${shown(path)} --org <id>), or run closer-config init`,
    );
  }
  const result = workspaceSchema.safeParse(json);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const where = formatPath(issue.path.map((k) => (typeof k === 'symbol' ? String(k) : k)));
      const message =
        issue.code === 'unrecognized_keys'
          ? `unknown ${issue.keys.length === 1 ? 'key' : 'keys'} ${issue.keys.join(', ')}${issue.keys.some((k) => /key|token|secret/i.test(k)) ? ' (keys are never in files: name the environment variable in apiKeyEnv)' : ''}`
          : issue.message;
      return `  ${where}: ${message}`;
    });
    throw new CliError('usage', `${shown(path)} is not a valid workspace:\n${lines.join('\n')}`);
  }
  const data = result.data;
  for (const [org, organisation] of Object.entries(data.organisations)) {
    for (const env of Object.keys(organisation.environments)) {
      if (!Object.hasOwn(data.environments, env))
        throw new CliError(
          'usage',
          `${shown(path)}: organisations.${org}.environments.${env}: no environment "${env}" (known: ${Object.keys(data.environments).join(', ')})`,
        );
    }
  }
  return { path, dir: dirname(path), data };
}

/** Every target of the workspace, organisations in the file's order, then environments. */
export function workspaceTargets(workspace: Workspace): Target[] {
  const { data, dir } = workspace;
  const at = (file: string) => shown(resolve(dir, file));
  return Object.entries(data.organisations).flatMap(([org, organisation]) =>
    Object.entries(organisation.environments).map(([env, where]): Target => {
      const environment = data.environments[env];
      const orgFiles = [organisation.base, ...(organisation.overlays ?? [])];
      const envFiles = where.overlays ?? [];
      const ownFile = envFiles.at(-1) ?? join(dirname(orgFiles.at(-1)!), `${org}.${env}.json`);
      return {
        name: `${org}/${env}`,
        org,
        env,
        orgId: where.orgId,
        baseUrl: environment.baseUrl,
        apiKeyEnv: environment.apiKeyEnv,
        files: [...orgFiles, ...envFiles].map(at),
        ownFile: at(ownFile),
        stateDir: dir,
        stateKey: `${org}/${env}`,
        workspace,
      };
    }),
  );
}

/** The targets picked by `--org` (names or org ids) and `--env`; all when neither is given. */
export function pickTargets(targets: readonly Target[], orgs: readonly string[], envs: readonly string[]): Target[] {
  const known = (list: readonly string[], values: readonly (string | undefined)[], what: string) => {
    for (const value of list)
      if (!values.includes(value))
        throw new CliError(
          'usage',
          `no ${what} "${value}" in the workspace (known: ${[...new Set(values)].join(', ')})`,
        );
  };
  known(
    orgs,
    targets.flatMap((t) => [t.org, t.orgId]),
    'organisation',
  );
  known(
    envs,
    targets.map((t) => t.env),
    'environment',
  );
  return targets.filter(
    (t) => (!orgs.length || orgs.includes(t.org!) || orgs.includes(t.orgId)) && (!envs.length || envs.includes(t.env!)),
  );
}

/** Adds `file` (relative to the workspace) as the last overlay of `org` in `env`, and saves the workspace. */
export async function addEnvironmentOverlay(ctx: Context, target: Target, file: string): Promise<void> {
  const workspace = target.workspace!;
  const entry = workspace.data.organisations[target.org!].environments[target.env!];
  const relativePath = relative(workspace.dir, resolve(file)).split('\\').join('/');
  entry.overlays = [...(entry.overlays ?? []), relativePath];
  await ctx.writeText(workspace.path, jsonText(workspace.data));
}
