// `npm run test:types`, third step: compiles contract/org-config.ts, which holds the
// schema's type and Closer's typed client (@closerplatform/spinner-openapi) together.
// The published client's api.d.ts references `../custom.d.ts`, which its package does
// not ship; this host answers that one missing file with an empty one, and nothing else
// changes. Fails on any type error.
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const here = fileURLToPath(new URL('.', import.meta.url));
const configFile = ts.readConfigFile(`${here}tsconfig.json`, ts.sys.readFile);
const config = ts.parseJsonConfigFileContent(configFile.config, ts.sys, here);
const MISSING = /\/node_modules\/@closerplatform\/spinner-openapi\/custom\.d\.ts$/;

const host = ts.createCompilerHost(config.options);
const { fileExists, readFile } = host;
host.fileExists = (name) => MISSING.test(name) || fileExists.call(host, name);
host.readFile = (name) => (MISSING.test(name) ? '' : readFile.call(host, name));

const program = ts.createProgram([`${here}contract/org-config.ts`], config.options, host);
const diagnostics = ts.getPreEmitDiagnostics(program);
if (diagnostics.length) {
  console.error(
    ts.formatDiagnostics(diagnostics, {
      getCanonicalFileName: (name) => name,
      getCurrentDirectory: ts.sys.getCurrentDirectory,
      getNewLine: () => '\n',
    }),
  );
  process.exit(1);
}
console.log('org-config contract: the schema’s type and the typed client’s OrgConfig agree, both ways');
