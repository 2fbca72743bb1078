#!/usr/bin/env node
// `npm run fuzz -- [--runs N] [--seed S] [--path P] [--trace] [--browser chromium|firefox|webkit]`:
// the lifecycle property test (test/lifecycle.property.test.ts) on its own, for as many
// cases as asked (CI runs its fixed seed inside `npm test`). `--seed S --path P` replays
// the counterexample a failure printed (`--trace` prints the page after every step). The figures (cases, steps, shrinks, time, and
// fast-check's statistics of the SDK points) are printed at the end of the run.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    runs: { type: 'string' },
    seed: { type: 'string' },
    path: { type: 'string' },
    browser: { type: 'string', default: 'chromium' },
    trace: { type: 'boolean', default: false },
  },
});
const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(values.runs ?? 100);
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`fuzz: --runs must be a whole number of cases, 1 or more (got ${values.runs})`);
  process.exit(2);
}
// As the test itself allows (test/property/config.ts: 12 min per 100 cases), and a minute more.
const limitMs = Math.max(14 * 60_000, runs * 7_200);
const result = spawnSync('npx', ['wtr', '--files', 'test/lifecycle.property.test.ts'], {
  cwd: root,
  stdio: 'inherit',
  env: {
    ...process.env,
    BROWSERS: values.browser,
    PROPERTY_RUNS: String(runs),
    ...(values.seed && { PROPERTY_SEED: values.seed }),
    ...(values.path && { PROPERTY_PATH: values.path }),
    ...(values.trace && { PROPERTY_TRACE: '1' }),
    TESTS_FINISH_TIMEOUT_MS: String(limitMs + 60_000),
  },
});
process.exitCode = result.status ?? 1;
