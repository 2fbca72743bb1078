#!/usr/bin/env node
// `closer-config`: the org configuration CLI (docs/org-config.md). Plain JS, so it
// runs on Node ≥ 20 from the built dist/ without a TypeScript step.
import { main } from '../dist/org-config/cli.js';

// `closer-config pull | head`: a reader that stops early ends the command quietly.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

process.exitCode = await main(process.argv.slice(2));
