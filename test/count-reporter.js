// WTR reporter: when a run finishes, counts passed / failed / skipped tests over all
// sessions (every browser x every file, nested suites included), in all and per browser
// (`browsers`), and writes them to .test-results/wtr.json for scripts/test.js.
// A session that failed without any failing test (file did not load, hook failed,
// browser timed out, ...) counts as one failure.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

function walk(suite, counts) {
  if (!suite) return;
  for (const t of suite.tests ?? []) {
    if (t.skipped) counts.skipped++;
    else if (t.passed) counts.passed++;
    else counts.failed++;
  }
  for (const s of suite.suites ?? []) walk(s, counts);
}

export function countReporter({ outFile = '.test-results/wtr.json' } = {}) {
  let rootDir = process.cwd();
  return {
    start({ config }) {
      if (config?.rootDir) rootDir = config.rootDir;
    },
    onTestRunFinished({ sessions }) {
      const total = { passed: 0, failed: 0, skipped: 0 };
      const browsers = {};
      const sessionErrors = [];
      for (const session of sessions) {
        const counts = { passed: 0, failed: 0, skipped: 0 };
        walk(session.testResults, counts);
        if (session.passed === false && counts.failed === 0) {
          counts.failed = 1;
          sessionErrors.push({
            browser: session.browser?.name,
            testFile: session.testFile,
            errors: (session.errors ?? []).map((e) => e.message),
          });
        }
        const name = session.browser?.name ?? 'unknown browser';
        browsers[name] ??= { passed: 0, failed: 0, skipped: 0 };
        for (const key of Object.keys(total)) {
          total[key] += counts[key];
          browsers[name][key] += counts[key];
        }
      }
      const file = outFile.startsWith('/') ? outFile : `${rootDir}/${outFile}`;
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(
        file,
        JSON.stringify({ ...total, sessions: sessions.length, browsers, sessionErrors }, null, 2) + '\n',
      );
    },
  };
}

export default countReporter;
