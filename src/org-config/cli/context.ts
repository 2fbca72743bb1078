/// <reference types="node" />
/**
 * What every command gets: where to print (scrubbed of every api key the run knows),
 * how to colour, how to read and write files, and the error that ends a command with
 * an outcome of ./exit-codes.ts.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import * as util from 'node:util';
import { redact } from '../errors.js';
import { isRecord } from '../json.js';
import { plain, plural, renderProblems, type Colour, type Style } from '../terminal.js';
import { SCHEMA_KEY, validateOrgConfig, validateOrgConfigJson, type OrgConfigValidation } from '../validate.js';
import type { Outcome } from './exit-codes.js';

/** What the CLI talks to: process by default, replaceable in tests. */
export interface CliIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdin: NodeJS.ReadableStream & { readonly isTTY?: boolean };
  readonly stdout: NodeJS.WritableStream & { readonly isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream;
}

/** A failure with its outcome, printed as `closer-config: <message>`. */
export class CliError extends Error {
  constructor(
    readonly outcome: Outcome,
    message: string,
  ) {
    super(message);
  }
}

/** A configuration file read from disk: its validation, and its content if it is a JSON object. */
export interface ConfigFile {
  readonly path: string;
  readonly validation: OrgConfigValidation;
  /** The object, `$schema` left out (it is for editors, never sent). */
  readonly value: Record<string, unknown> | undefined;
  /** Whatever the file parsed to (an array of working hours, say), or undefined if not JSON. */
  readonly parsed: unknown;
}

export class Context {
  /** The command's outcome, when it ends without an error. */
  outcome: Outcome = 'ok';
  readonly style: Style;
  readonly #secrets = new Set<string>();

  constructor(readonly io: CliIo) {
    this.style = styleFor(io);
  }

  /** From now on, `secret` is replaced by `[redacted]` in everything printed. */
  addSecret(secret: string | undefined): void {
    if (secret) this.#secrets.add(secret);
  }

  scrub = (text: string): string => [...this.#secrets].reduce((out, secret) => redact(out, secret), text);
  out = (text = ''): void => void this.io.stdout.write(`${this.scrub(text)}\n`);
  err = (text = ''): void => void this.io.stderr.write(`${this.scrub(text)}\n`);
  json = (value: unknown): void => this.out(JSON.stringify(value, null, 2));
  warn = (text: string): void => this.err(`${this.style('yellow', 'warning')}: ${text}`);

  /** `file: 2 problems` and one line per problem. */
  printProblems(file: string, validation: OrgConfigValidation, write = this.out): void {
    if (validation.ok) return;
    write(`${file}: ${this.style('red', plural(validation.problems.length, 'problem'))}`);
    for (const line of renderProblems(validation.problems, this.style)) write(line);
  }

  /** One `warning:` line per legacy field name. */
  printWarnings(file: string, validation: OrgConfigValidation, write = this.err): void {
    for (const w of validation.warnings) write(`${this.style('yellow', 'warning')}: ${file}: ${w.path}: ${w.message}`);
  }

  async readText(file: string): Promise<string> {
    try {
      return await readFile(file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new CliError(
        'usage',
        `cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`,
      );
    }
  }

  /** Writes a file; `mkdir` creates its folder first (backups, a new workspace), else a missing folder is an error. */
  async writeText(file: string, text: string, { mkdir: makeFolder = false } = {}): Promise<void> {
    try {
      if (makeFolder) await mkdir(dirname(file), { recursive: true });
      await writeFile(file, text);
    } catch (error) {
      throw new CliError('usage', `cannot write ${file}: ${(error as Error).message}`);
    }
  }

  /** A file that must hold a JSON object (`{}` for a missing file when `missingIsEmpty`), `$schema` kept. */
  async readJsonObject(file: string, { missingIsEmpty = false } = {}): Promise<Record<string, unknown>> {
    if (missingIsEmpty && !existsSync(file)) return {};
    const text = await this.readText(file);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new CliError('failed', `${file} is not valid JSON: ${(error as Error).message}`);
    }
    if (!isRecord(json)) throw new CliError('failed', `${file} is not a JSON object`);
    return json;
  }

  /** A configuration file, validated whole (a JSON syntax error is one problem). */
  async readConfig(file: string, options: { partial?: boolean } = {}): Promise<ConfigFile> {
    const text = await this.readText(file);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return { path: file, validation: validateOrgConfigJson(text), value: undefined, parsed: undefined };
    }
    const value = isRecord(parsed) ? withoutSchemaKey(parsed) : undefined;
    return { path: file, validation: validateOrgConfig(value ?? parsed, options), value, parsed };
  }
}

/** The object without the `$schema` key editors read. */
export function withoutSchemaKey(value: Record<string, unknown>): Record<string, unknown> {
  if (!(SCHEMA_KEY in value)) return value;
  const rest = { ...value };
  delete rest[SCHEMA_KEY];
  return rest;
}

/** A validation as the 0.1 `--json` results give it: `valid`, `problems`, `warnings`, `unknownFields`. */
export const validationJson = (validation: OrgConfigValidation) => ({
  valid: validation.ok,
  problems: validation.ok ? [] : validation.problems,
  warnings: validation.warnings,
  unknownFields: validation.unknownFields,
});

/** Text for a JSON file: two spaces, a final newline (what `pull` writes). */
export const jsonText = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/** Colour only for a terminal, and never when NO_COLOR is set (https://no-color.org). */
function styleFor(io: CliIo): Style {
  const wanted = io.stdout.isTTY === true && !io.env.NO_COLOR && io.env.TERM !== 'dumb';
  // styleText arrived in Node 20.12: older Node prints without colour.
  const styleText = (util as { styleText?: (format: string, text: string) => string }).styleText;
  if (!wanted || typeof styleText !== 'function') return plain;
  return (colour: Colour, text: string) => styleText(colour, text);
}
