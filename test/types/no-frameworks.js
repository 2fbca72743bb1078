// `npm run test:types`, second step: users without React, Vue or Svelte get no
// framework types from `closer-chat`. Compiles core-only.ts (tsconfig.core.json) and
// fails if the program has an error or pulls in any framework's declarations.
import ts from 'typescript';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const configFile = ts.readConfigFile(`${here}tsconfig.core.json`, ts.sys.readFile);
const config = ts.parseJsonConfigFileContent(configFile.config, ts.sys, here);
const program = ts.createProgram(config.fileNames, config.options);

const diagnostics = ts.getPreEmitDiagnostics(program);
const FRAMEWORKS =
  /\/node_modules\/(react|react-dom|@types\/react(-dom)?|vue|@vue\/[^/]+|svelte|preact|solid-js|csstype|@lit\/react)\//;
const frameworkFiles = program
  .getSourceFiles()
  .map((file) => file.fileName)
  .filter((name) => FRAMEWORKS.test(name));

if (diagnostics.length) {
  const host = {
    getCanonicalFileName: (name) => name,
    getCurrentDirectory: ts.sys.getCurrentDirectory,
    getNewLine: () => '\n',
  };
  console.error(ts.formatDiagnostics(diagnostics, host));
}
for (const name of frameworkFiles) console.error(`no-frameworks: the main entry pulls in ${name}`);
if (diagnostics.length || frameworkFiles.length) process.exit(1);
console.log(
  `no-frameworks: the main entry type-checks without any framework (${program.getSourceFiles().length} files)`,
);
