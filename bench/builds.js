// The element's builds a side-by-side run serves from the CDN origin (bench/origins.js),
// each a snapshot in a folder of its own, so a rebuild during the run cannot mix two
// builds and two builds of the same pages can be measured in the same run:
//
//   https://cdn.bench.test/current/closer-chat.bundle.js    dist/, as built now
//   https://cdn.bench.test/compared/closer-chat.bundle.js   --compare <file or dir>
//
// A directory is copied whole (its .js files, in their folders), so an entry that loads
// chunks beside it finds them as on a CDN that serves the package.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cp, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { gzip } from '../tools/static-server.js';
import { CDN_DIR } from './origins.js';
import { PROJECT_ROOT } from './make-stand-in.js';

/** The project's commit, and whether src/ has changes not committed (null: no git). */
export function sourceState() {
  const git = (args) => {
    try {
      return execFileSync('git', args, { cwd: PROJECT_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    } catch {
      return null;
    }
  };
  const commit = git(['rev-parse', '--short', 'HEAD']);
  const dirty = git(['status', '--porcelain', '--', 'src']);
  return { gitCommit: commit?.trim() ?? null, srcUncommittedChanges: dirty === null ? null : dirty.trim().length > 0 };
}

/**
 * Copies a build into CDN_DIR/<name>/. `source` is a directory (its entry is `entry`) or
 * one file (its own name is the entry).
 * @param {string} source @param {string} name @param {string} entry
 * @returns {Promise<{ name: string, source: string, entry: string, path: string, entryBytes: number, entryGzipBytes: number }>}
 */
export async function snapshotBuild(source, name, entry) {
  const dir = join(CDN_DIR, name);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const isDir = (await stat(source)).isDirectory();
  if (isDir) {
    await cp(source, dir, {
      recursive: true,
      filter: async (from) => /\.m?js$/.test(from) || (await stat(from)).isDirectory(),
    });
  } else {
    entry = basename(source);
    await cp(source, join(dir, entry));
  }
  let code;
  try {
    code = await readFile(join(dir, entry));
  } catch {
    throw new Error(`${source}: no ${entry} in it (name the entry with --entry / --compare-entry)`);
  }
  return {
    name,
    source,
    entry,
    path: `/${name}/${entry}`,
    entryBytes: code.length,
    entryGzipBytes: gzip(code).length,
  };
}

/**
 * A module of `gzipBytes` after gzip that runs nothing (a comment of random text): the
 * element's transfer without its work, for the LCP probe `bytes-only`.
 * @returns {Promise<string>} its path on the CDN
 */
export async function writeBytesOnly(gzipBytes) {
  const path = '/bytes-only.js';
  let size = gzipBytes;
  for (let i = 0; i < 8; i++) {
    const text = `/* ${randomBytes(Math.round(size)).toString('base64')} */\nexport {};\n`;
    const got = gzip(Buffer.from(text)).length;
    if (Math.abs(got - gzipBytes) < 64 || i === 7) {
      await writeFile(join(CDN_DIR, path), text);
      return path;
    }
    size *= gzipBytes / got;
  }
  return path;
}
