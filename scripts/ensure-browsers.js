#!/usr/bin/env node
// The first step of `npm test`, before the build: the browsers BROWSERS asks for (all
// three by default) are there, or are installed now with apt-get where this user may;
// otherwise it stops with the one command to run (tools/browser-install.js). Exit status
// 0 when the tests may run; it then names the browsers and their versions.
import { ensureBrowsers } from '../tools/browser-install.js';
import { describeBrowser, requestedBrowsers } from '../tools/browser-paths.js';

let names;
try {
  names = requestedBrowsers();
} catch (error) {
  console.log(`npm test: ${error.message}`);
  process.exit(1);
}
if (ensureBrowsers(names)) console.log(`npm test: browsers ${names.map(describeBrowser).join(', ')}`);
else process.exitCode = 1;
