// `cem analyze --litelement` (part of `npm run build`): custom-elements.json in the
// package root, from the JSDoc on the element class (src/closer-chat.ts) and its Lit
// `static properties`. test/manifest.test.ts checks it against the running element.
//
// The analyzer reads each file alone, without TypeScript's type checker, so it writes
// types as they are spelled (`LoadingStrategy`). The plugin below asks the checker
// instead, so tools that offer attribute values (VS Code, JetBrains, Storybook) see
// `'eager' | 'idle' | …`, and it holds the `@fires` types to `CloserChatEventMap`.
import ts from 'typescript';

/** The element's public modules; the rest of src/ is private to the package. */
const MODULES = ['src/index.ts', 'src/closer-chat.ts', 'src/define.ts', 'src/events.ts'];
const ELEMENT_MODULE = 'src/closer-chat.ts';
const ELEMENT_CLASS = 'CloserChat';
const EVENT_MAP = { module: 'src/events.ts', name: 'CloserChatEventMap' };

/** `src/x.ts` (or `./x.js` next to it) → `dist/x.js`: the files the package ships. */
function shippedPath(path, from = 'src/index.ts') {
  const resolved = path.startsWith('./') ? from.replace(/[^/]+$/, '') + path.slice(2) : path;
  return resolved.replace(/^src\//, 'dist/').replace(/\.ts$/, '.js');
}

/** Whitespace and TypeScript's `;` before `}` do not count when comparing types. */
const sameType = (a, b) => {
  const norm = (text) => text.replace(/;\s*}/g, '}').replace(/\s+/g, '').replace(/"/g, "'");
  return norm(a) === norm(b);
};

function typeChecker() {
  const config = ts.getParsedCommandLineOfConfigFile('tsconfig.json', {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  const program = ts.createProgram([ELEMENT_MODULE, EVENT_MAP.module], { ...config.options, noEmit: true });
  const checker = program.getTypeChecker();
  const flags = ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.UseSingleQuotesForStringLiteralType;
  // A union of string literals (`LoadingStrategy`) is spelled out: its values are what
  // an editor offers. Other types keep their exported names.
  const isStringLiteral = (type) => type.isStringLiteral();
  const print = (type) => {
    const members = type.isUnion() ? type.types : [type];
    if (!members.some(isStringLiteral) || !members.every((t) => isStringLiteral(t) || t.flags & ts.TypeFlags.Undefined)) {
      return checker.typeToString(type, undefined, flags);
    }
    const undefinedLast = [...members.filter(isStringLiteral), ...members.filter((t) => !isStringLiteral(t))];
    return undefinedLast.map((t) => checker.typeToString(t, undefined, flags)).join(' | ');
  };
  const declaration = (file, kind, name) =>
    program.getSourceFile(file).statements.find((node) => node.kind === kind && node.name?.text === name);

  const elementType = checker.getTypeAtLocation(declaration(ELEMENT_MODULE, ts.SyntaxKind.ClassDeclaration, ELEMENT_CLASS));
  const eventMap = checker.getTypeAtLocation(declaration(EVENT_MAP.module, ts.SyntaxKind.InterfaceDeclaration, EVENT_MAP.name));
  return {
    /** The type of an element property; for an attribute, without `undefined` (absent). */
    memberType(name, { attribute = false } = {}) {
      const symbol = elementType.getProperty(name);
      if (!symbol) return undefined;
      const type = checker.getTypeOfSymbol(symbol);
      return print(attribute ? checker.getNonNullableType(type) : type);
    },
    /** Event name → `CustomEvent<…>`, from `CloserChatEventMap`. */
    events: new Map(eventMap.getProperties().map((symbol) => [symbol.name, print(checker.getTypeOfSymbol(symbol))])),
  };
}

/** Types from the checker, events held to the event map, paths to dist/, private members out. */
function closerChatPlugin() {
  return {
    name: 'closer-chat',
    packageLinkPhase({ customElementsManifest }) {
      const checker = typeChecker();
      const problems = [];
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          if (declaration.kind !== 'class' || declaration.name !== ELEMENT_CLASS) continue;
          // `#private` members are unreachable from outside; `@internal` ones the analyzer drops.
          declaration.members = declaration.members.filter((member) => !member.name.startsWith('#') && member.privacy !== 'private');
          for (const member of declaration.members) {
            if (member.kind !== 'field') continue;
            const text = checker.memberType(member.name);
            if (text) member.type = { text };
          }
          for (const attribute of declaration.attributes) {
            // `nonce` is HTMLElement's own; the others mirror a Lit property.
            const text = checker.memberType(attribute.fieldName ?? attribute.name, { attribute: true });
            if (text) attribute.type = { text };
          }
          // Every event the element sends is documented with `@fires {type} name`, and
          // the type is the one listeners get from `CloserChatEventMap`.
          const documented = new Set(declaration.events.map((event) => event.name));
          for (const name of checker.events.keys()) {
            if (!documented.has(name)) problems.push(`${name} is in ${EVENT_MAP.name} but has no @fires`);
          }
          for (const event of declaration.events) {
            const actual = checker.events.get(event.name);
            if (!actual) problems.push(`@fires ${event.name} is not in ${EVENT_MAP.name}`);
            else if (!event.type || !sameType(event.type.text, actual)) {
              problems.push(`@fires ${event.name}: JSDoc says {${event.type?.text ?? ''}}, ${EVENT_MAP.name} says {${actual}}`);
            }
          }
        }
        for (const entry of module.exports ?? []) {
          if (entry.declaration?.module) entry.declaration.module = shippedPath(entry.declaration.module, module.path);
        }
        // `define.ts` registers the class through a helper, which the analyzer cannot follow.
        if (module.path === 'src/define.ts') {
          module.exports.push({
            kind: 'custom-element-definition',
            name: 'closer-chat',
            declaration: { name: ELEMENT_CLASS, module: shippedPath(ELEMENT_MODULE) },
          });
        }
        module.path = shippedPath(module.path);
      }
      if (problems.length) {
        // A plain message and a failed build, rather than the analyzer's "error in third party plugin".
        console.error(`custom-elements.json: the JSDoc of <closer-chat> disagrees with the code:\n  ${problems.join('\n  ')}`);
        process.exit(1);
      }
    },
  };
}

export default {
  globs: MODULES,
  outdir: '.',
  litelement: true,
  // package.json names the manifest itself ("customElements"); don't let the analyzer rewrite it.
  packagejson: false,
  quiet: true,
  plugins: [closerChatPlugin()],
};
