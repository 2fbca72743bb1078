/**
 * `init`: a starter workspace from what exists. Pulls every target named with
 * `--target org/env=<org id>`, then writes the fewest files that give back each live
 * configuration exactly: `config/base.json` with the fields every target shares,
 * `config/<org>.json` with what an organisation's environments share, and
 * `config/<org>.<env>.json` with the rest. Also the workspace, the state file with each
 * target's base snapshot, the JSON Schema the files point at, and a .gitignore line for
 * the backups. Nothing is written unless every target could be read.
 */
import { existsSync } from 'node:fs';
import { appendFile, readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { jsonEqual } from '../json.js';
import { orgConfigJsonSchema } from '../json-schema.js';
import { plural } from '../terminal.js';
import { validateOrgConfig } from '../validate.js';
import { CliError, jsonText, type Context } from './context.js';
import { recordBase } from './state.js';
import { collect, positiveInteger } from './options.js';
import { clientFor } from './targets.js';
import { BACKUP_DIR, WORKSPACE_FILE, workspaceTargets, type Target, type WorkspaceData } from './workspace.js';

const SCHEMA_FILE = 'closer-config.schema.json';
const CONFIG_DIR = 'config';

interface InitOptions {
  env?: string[];
  target?: string[];
  keyEnv?: string[];
  dir?: string;
  timeout?: number;
}

/** `CLOSER_API_KEY_PROD` for `prod`. */
export const defaultKeyVariable = (env: string) => `CLOSER_API_KEY_${env.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;

function pairs(list: readonly string[] | undefined, flag: string, shape: string): [string, string][] {
  return (list ?? []).map((item) => {
    const at = item.indexOf('=');
    if (at <= 0 || at === item.length - 1) throw new CliError('usage', `${flag} "${item}": expected ${shape}`);
    return [item.slice(0, at), item.slice(at + 1)];
  });
}

/** The keys of `configs[0]`, in its order, that every config has with the same value. */
function shared(configs: readonly Record<string, unknown>[], skip: ReadonlySet<string>): string[] {
  const [first, ...rest] = configs;
  if (!first || !rest.length) return [];
  return Object.keys(first).filter(
    (key) => !skip.has(key) && rest.every((c) => Object.hasOwn(c, key) && jsonEqual(c[key], first[key])),
  );
}

const pick = (config: Record<string, unknown>, keys: readonly string[], schema: string) =>
  Object.fromEntries([['$schema', schema], ...keys.map((k) => [k, config[k]] as const)]);

export function registerInit(program: Command, ctx: Context): void {
  program
    .command('init')
    .description(
      'Write a starter workspace by pulling every target: environments, organisations, base file and overlays.',
    )
    .option(
      '--env <name=url>',
      'an environment and its API host, e.g. prod=https://spinner.closer.app (repeat)',
      collect,
    )
    .option('--target <org/env=id>', 'an organisation in an environment, e.g. acme/prod=<org id> (repeat)', collect)
    .option(
      '--key-env <env=VARIABLE>',
      'the variable with an environment’s key (default: CLOSER_API_KEY_<ENV>)',
      collect,
    )
    .option('--dir <dir>', 'where to write the workspace (default: here)')
    .option('--timeout <ms>', 'per request, in milliseconds (default: 10000)', positiveInteger)
    .action((options: InitOptions) => init(ctx, options));
}

async function init(ctx: Context, options: InitOptions): Promise<void> {
  const dir = resolve(options.dir ?? '.');
  const workspacePath = join(dir, WORKSPACE_FILE);
  if (existsSync(workspacePath))
    throw new CliError(
      'usage',
      `${relative(process.cwd(), workspacePath) || WORKSPACE_FILE} exists: use pull --merge to bring live changes in`,
    );
  const envs = pairs(options.env, '--env', 'name=https://host');
  if (!envs.length) throw new CliError('usage', 'name at least one environment: --env prod=https://spinner.closer.app');
  const keyEnvs = new Map(pairs(options.keyEnv, '--key-env', 'env=VARIABLE'));
  const targetSpecs = pairs(options.target, '--target', 'org/env=<org id>').map(([name, orgId]) => {
    const [org, env, extra] = name.split('/');
    if (!org || !env || extra !== undefined)
      throw new CliError('usage', `--target "${name}": expected org/env=<org id>`);
    return { org, env, orgId };
  });
  if (!targetSpecs.length) throw new CliError('usage', 'name at least one target: --target acme/prod=<org id>');

  const data: WorkspaceData = { version: 1, environments: {}, organisations: {} };
  for (const [env, baseUrl] of envs)
    data.environments[env] = { baseUrl, apiKeyEnv: keyEnvs.get(env) ?? defaultKeyVariable(env) };
  const schemaRef = `../${SCHEMA_FILE}`;
  for (const { org, env, orgId } of targetSpecs) {
    if (!data.environments[env]) throw new CliError('usage', `--target ${org}/${env}: no --env ${env}`);
    const organisation = (data.organisations[org] ??= {
      base: `${CONFIG_DIR}/base.json`,
      overlays: [`${CONFIG_DIR}/${org}.json`],
      environments: {},
    });
    organisation.environments[env] = { orgId };
  }

  // Read everything first: a key or an id that does not work writes nothing.
  const workspace = { path: workspacePath, dir, data };
  const live = new Map<Target, Record<string, unknown>>();
  for (const target of workspaceTargets(workspace)) {
    const config = await clientFor(ctx, target, { timeout: options.timeout }).getRawConfig();
    const validation = validateOrgConfig(config);
    for (const w of validation.warnings) ctx.warn(`${target.name}: ${w.path}: ${w.message}`);
    if (!validation.ok)
      ctx.warn(`${target.name}: the live configuration does not pass this version’s schema (kept as it is)`);
    live.set(target, config);
  }

  const targets = [...live.keys()];
  const baseKeys = shared([...live.values()], new Set());
  const written: string[] = [];
  const write = async (path: string, text: string) => {
    await ctx.writeText(join(dir, path), text, { mkdir: true });
    written.push(path);
  };
  await write(`${CONFIG_DIR}/base.json`, jsonText(pick(live.get(targets[0])!, baseKeys, schemaRef)));
  const summary = [`${CONFIG_DIR}/base.json: ${plural(baseKeys.length, 'field')} every target shares`];
  for (const org of Object.keys(data.organisations)) {
    const own = targets.filter((t) => t.org === org);
    const configs = own.map((t) => live.get(t)!);
    const orgKeys =
      own.length > 1
        ? shared(configs, new Set(baseKeys))
        : Object.keys(configs[0]).filter((k) => !baseKeys.includes(k));
    await write(`${CONFIG_DIR}/${org}.json`, jsonText(pick(configs[0], orgKeys, schemaRef)));
    summary.push(`${CONFIG_DIR}/${org}.json: ${plural(orgKeys.length, 'field')}`);
    for (const target of own) {
      const config = live.get(target)!;
      const rest = Object.keys(config).filter((k) => !baseKeys.includes(k) && !orgKeys.includes(k));
      if (!rest.length) continue;
      const file = `${CONFIG_DIR}/${org}.${target.env}.json`;
      await write(file, jsonText(pick(config, rest, schemaRef)));
      data.organisations[org].environments[target.env!].overlays = [file];
      summary.push(`${file}: ${plural(rest.length, 'field')}`);
    }
  }
  await write(SCHEMA_FILE, jsonText(orgConfigJsonSchema({ partial: true })));
  await write(WORKSPACE_FILE, jsonText(data));
  for (const target of workspaceTargets({ ...workspace, data }))
    await recordBase(ctx, target, live.get(targets.find((t) => t.name === target.name)!)!);
  written.push('closer-config.state.json');
  const gitignore = join(dir, '.gitignore');
  const ignored = existsSync(gitignore) ? await readFile(gitignore, 'utf8') : '';
  if (!ignored.split('\n').includes(`${BACKUP_DIR}/`)) {
    await appendFile(gitignore, `${ignored && !ignored.endsWith('\n') ? '\n' : ''}${BACKUP_DIR}/\n`);
    written.push('.gitignore');
  }

  ctx.out(`Pulled ${plural(targets.length, 'target')}: ${targets.map((t) => t.name).join(', ')}.`);
  for (const line of summary) ctx.out(`  ${line}`);
  ctx.out(`Wrote ${written.join(', ')}.`);
  ctx.out(
    `Keys come from ${Object.values(data.environments)
      .map((e) => e.apiKeyEnv)
      .join(' and ')}; commit everything but ${BACKUP_DIR}/.`,
  );
}
