/**
 * The state file (`closer-config.state.json`, in git): for each target, the base
 * snapshot — the live configuration as it was when last pulled or applied, with its
 * hash — so `apply` can tell that someone changed it since (a lost update), and the
 * backups written before each write.
 */
import { createHash } from 'node:crypto';
import { join, relative } from 'node:path';
import { canonicalJson, isRecord } from '../json.js';
import { CliError, jsonText, type Context } from './context.js';
import { BACKUP_DIR, STATE_FILE, type Target } from './workspace.js';

export interface BaseSnapshot {
  readonly orgId: string;
  /** The API host it was read from. */
  readonly host: string;
  /** `sha256-…` of the configuration's canonical JSON (keys sorted): a quick "has it changed". */
  readonly hash: string;
  readonly recordedAt: string;
  readonly config: Record<string, unknown>;
}

interface StateFile {
  readonly version: 1;
  readonly targets: Record<string, BaseSnapshot>;
}

export const hashConfig = (config: unknown): string =>
  `sha256-${createHash('sha256').update(canonicalJson(config)).digest('base64')}`;

const statePath = (target: Target) => join(target.stateDir, STATE_FILE);
const hostOf = (baseUrl: string) => new URL(baseUrl).host;

async function readState(ctx: Context, path: string): Promise<StateFile> {
  let text: string;
  try {
    text = await ctx.readText(path);
  } catch {
    return { version: 1, targets: {} };
  }
  try {
    const json: unknown = JSON.parse(text);
    if (isRecord(json) && json.version === 1 && isRecord(json.targets)) return json as unknown as StateFile;
  } catch {
    // reported below
  }
  throw new CliError('usage', `${path} is not a closer-config state file (version 1): fix or delete it, then pull`);
}

/** The target's base snapshot, if one was recorded for this org on this host. */
export async function readBase(ctx: Context, target: Target): Promise<BaseSnapshot | undefined> {
  const base = (await readState(ctx, statePath(target))).targets[target.stateKey];
  if (!base || base.orgId !== target.orgId || base.host !== hostOf(target.baseUrl)) return undefined;
  return base;
}

/** Records `config` as the target's base snapshot (unchanged ones keep their time, so git sees no churn). */
export async function recordBase(ctx: Context, target: Target, config: Record<string, unknown>): Promise<void> {
  const path = statePath(target);
  const state = await readState(ctx, path);
  const hash = hashConfig(config);
  const old = state.targets[target.stateKey];
  if (old?.hash === hash && old.orgId === target.orgId && old.host === hostOf(target.baseUrl)) return;
  const snapshot: BaseSnapshot = {
    orgId: target.orgId,
    host: hostOf(target.baseUrl),
    hash,
    recordedAt: new Date().toISOString(),
    config,
  };
  const targets = { ...state.targets, [target.stateKey]: snapshot };
  const sorted = Object.fromEntries(
    Object.keys(targets)
      .sort()
      .map((key) => [key, targets[key]]),
  );
  await ctx.writeText(path, jsonText({ version: 1, targets: sorted }));
}

/** Writes the live configuration to the backups folder before a write; returns the file's path. */
export async function writeBackup(ctx: Context, target: Target, live: Record<string, unknown>): Promise<string> {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const name = `${target.stateKey.replace(/[^A-Za-z0-9_-]+/g, '.')}.${stamp}.json`;
  const path = join(target.stateDir, BACKUP_DIR, name);
  await ctx.writeText(path, jsonText(live), { mkdir: true });
  return relative(process.cwd(), path) || path;
}
