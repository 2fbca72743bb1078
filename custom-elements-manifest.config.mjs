// `cem analyze --litelement` (part of `npm run build`): custom-elements.json in the
// package root. test/manifest.test.ts checks it against the running element.
//
// The analyzer reads the class's JSDoc (summary, slots, parts, CSS properties and
// states) and its getters and methods. The attributes, reactive properties and events
// are not written there: they come from the tables in src/config/attributes.ts and
// src/events.ts, each row's comment being its description. The plugin below reads
// those tables with TypeScript, and asks the type checker for every type, so tools that
// offer attribute values (VS Code, JetBrains, Storybook) see `'eager' | 'idle' | …`.
//
// From that manifest, two editor files in the package root, also shipped:
// `vscode.html-custom-data.json` (VS Code's `html.customData`) and `web-types.json`
// (JetBrains IDEs, named in package.json "web-types"). test/node/editor-data.test.js
// checks that both list every attribute and event of the manifest.
import { writeFileSync } from 'node:fs';
import { getWebTypesData } from 'custom-element-jet-brains-integration';
import { getVsCodeHtmlCustomData } from 'custom-element-vs-code-integration';
import ts from 'typescript';

/** The element's public modules; the rest of src/ is private to the package. */
const MODULES = ['src/index.ts', 'src/element.ts', 'src/closer-chat.ts', 'src/define.ts', 'src/events.ts'];
const ELEMENT_MODULE = 'src/closer-chat.ts';
/** The package's entries, as the manifest names them (dist/): what they export is the API. */
const PUBLIC_ENTRIES = ['dist/index.js', 'dist/element.js', 'dist/define.js'];
const ELEMENT_CLASS = 'CloserChat';
const EVENT_MAP = { module: 'src/events.ts', name: 'CloserChatEventMap' };
const ATTRIBUTE_TABLES = { module: 'src/config/attributes.ts', attributes: 'ATTRIBUTES', properties: 'PROPERTIES' };
const EVENT_TABLES = { module: 'src/events.ts', callbacks: 'WIDGET_CALLBACKS', own: 'ELEMENT_EVENTS' };

/** `src/x.ts` (or `./x.js` next to it) → `dist/x.js`: the files the package ships. */
function shippedPath(path, from = 'src/index.ts') {
  const resolved = path.startsWith('./') ? from.replace(/[^/]+$/, '') + path.slice(2) : path;
  return resolved.replace(/^src\//, 'dist/').replace(/\.ts$/, '.js');
}

function typeChecker() {
  const config = ts.getParsedCommandLineOfConfigFile(
    'tsconfig.json',
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
  );
  const program = ts.createProgram([ELEMENT_MODULE, EVENT_MAP.module, ATTRIBUTE_TABLES.module], {
    ...config.options,
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const flags = ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.UseSingleQuotesForStringLiteralType;
  // A union of string literals (`LoadingStrategy`) is spelled out: its values are what
  // an editor offers. Other types keep their exported names.
  const isStringLiteral = (type) => type.isStringLiteral();
  const print = (type) => {
    const members = type.isUnion() ? type.types : [type];
    // A pattern (`klaro:${string}`, consent-from's) is text to an editor: listed as values,
    // its members would be offered as completions. Its description gives the form.
    if (members.some((t) => t.flags & ts.TypeFlags.TemplateLiteral)) return 'string';
    if (
      !members.some(isStringLiteral) ||
      !members.every((t) => isStringLiteral(t) || t.flags & ts.TypeFlags.Undefined)
    ) {
      return checker.typeToString(type, undefined, flags);
    }
    const undefinedLast = [...members.filter(isStringLiteral), ...members.filter((t) => !isStringLiteral(t))];
    return undefinedLast.map((t) => checker.typeToString(t, undefined, flags)).join(' | ');
  };
  const declaration = (file, kind, name) =>
    program.getSourceFile(file).statements.find((node) => node.kind === kind && node.name?.text === name);

  /** The `[ … ] as const` or `{ … } as const` a `const` of `file` is set to. */
  const table = (file, name) => {
    const statement = program
      .getSourceFile(file)
      .statements.find(
        (node) => ts.isVariableStatement(node) && node.declarationList.declarations[0].name.text === name,
      );
    let value = statement?.declarationList.declarations[0].initializer;
    while (value && (ts.isAsExpression(value) || ts.isSatisfiesExpression(value))) value = value.expression;
    if (!value) throw new Error(`${file}: no table ${name}`);
    return value;
  };
  /** The text of the `/** … *\/` comment right before `node`. */
  const commentOf = (node) => {
    const text = node.getSourceFile().getFullText();
    const ranges = ts.getLeadingCommentRanges(text, node.getFullStart()) ?? [];
    const doc = ranges
      .map((range) => text.slice(range.pos, range.end))
      .filter((c) => c.startsWith('/**'))
      .at(-1);
    return (
      doc
        ?.replace(/^\/\*\*\s*|\s*\*\/$/g, '')
        .replace(/\n\s*\* ?/g, ' ')
        .trim() ?? ''
    );
  };
  const stringValue = (node) =>
    node && (ts.isStringLiteral(node) || ts.isIdentifier(node)) ? checker.getTypeAtLocation(node).value : undefined;
  const field = (object, key) =>
    object.properties.find((p) => ts.isPropertyAssignment(p) && p.name.text === key)?.initializer;
  const rows = (name) =>
    table(ATTRIBUTE_TABLES.module, name).elements.map((row) => ({
      attribute: stringValue(field(row, 'attribute')),
      // The element's rule (attributes.ts `propertyOf`): `org-id` → `orgId`.
      property:
        stringValue(field(row, 'property')) ??
        stringValue(field(row, 'attribute')).replace(/-([a-z])/g, (_, c) => c.toUpperCase()),
      default: stringValue(field(row, 'default')),
      builtIn: !!field(row, 'builtIn'),
      description: commentOf(row),
    }));
  const callbackEvents = table(EVENT_TABLES.module, EVENT_TABLES.callbacks).properties.map((row) => ({
    name: stringValue(field(row.initializer, 'event')),
    description: `${commentOf(row)} (SDK \`${row.name.text}\`)`,
  }));
  const ownEvents = table(EVENT_TABLES.module, EVENT_TABLES.own).elements.map((row) => ({
    name: stringValue(row),
    description: commentOf(row),
  }));

  const elementType = checker.getTypeAtLocation(
    declaration(ELEMENT_MODULE, ts.SyntaxKind.ClassDeclaration, ELEMENT_CLASS),
  );
  const eventMap = checker.getTypeAtLocation(
    declaration(EVENT_MAP.module, ts.SyntaxKind.InterfaceDeclaration, EVENT_MAP.name),
  );
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
    /** The rows of the attribute and property tables, and of the two event tables. */
    tables: {
      attributes: rows(ATTRIBUTE_TABLES.attributes),
      properties: rows(ATTRIBUTE_TABLES.properties),
      events: [...callbackEvents, ...ownEvents],
    },
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
          const { attributes, properties, events } = checker.tables;
          const quoted = (value) => (value === undefined ? {} : { default: `'${value}'` });
          declaration.attributes = attributes.map((row) => ({
            name: row.attribute,
            description: row.description,
            type: { text: checker.memberType(row.property, { attribute: true }) },
            // `nonce` is HTMLElement's own property; the others are the element's.
            ...(row.builtIn ? {} : { fieldName: row.property }),
            ...quoted(row.default),
          }));
          const tableFields = [...attributes.filter((row) => !row.builtIn), ...properties].map((row) => ({
            kind: 'field',
            name: row.property,
            privacy: 'public',
            type: { text: checker.memberType(row.property) },
            description: row.description,
            ...(row.attribute ? { attribute: row.attribute } : {}),
            ...quoted(row.default),
          }));
          const fromTables = new Set(tableFields.map((member) => member.name));
          // `#private` members are unreachable from outside; `@internal` ones the analyzer drops.
          declaration.members = [
            ...tableFields,
            ...declaration.members.filter(
              (member) => !member.name.startsWith('#') && member.privacy !== 'private' && !fromTables.has(member.name),
            ),
          ];
          for (const member of declaration.members) {
            if (member.kind !== 'field' || fromTables.has(member.name)) continue;
            const text = checker.memberType(member.name);
            if (text) member.type = { text };
          }
          // Every event in `CloserChatEventMap` has a row in the event tables, and back.
          declaration.events = events.map((event) => ({
            name: event.name,
            type: { text: checker.events.get(event.name) },
            description: event.description,
          }));
          const inTables = new Set(events.map((event) => event.name));
          for (const name of checker.events.keys()) {
            if (!inTables.has(name)) problems.push(`${name} is in ${EVENT_MAP.name} but in no event table`);
          }
          for (const event of events) {
            if (!checker.events.has(event.name))
              problems.push(`${event.name} is in an event table but not in ${EVENT_MAP.name}`);
            if (!event.description) problems.push(`${event.name} has no description (a comment on its table row)`);
          }
          for (const row of [...attributes, ...properties]) {
            if (!row.description)
              problems.push(`${row.attribute ?? row.property} has no description (a comment on its table row)`);
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
      // events.ts also holds the package's own dispatch helpers and tables: the manifest
      // lists only what the entries export.
      const entryExports = new Set(
        customElementsManifest.modules
          .filter((module) => PUBLIC_ENTRIES.includes(module.path))
          .flatMap((module) => (module.exports ?? []).map((entry) => entry.name)),
      );
      for (const module of customElementsManifest.modules) {
        if (PUBLIC_ENTRIES.includes(module.path)) continue;
        module.exports = module.exports?.filter((entry) => entryExports.has(entry.name));
        module.declarations = module.declarations?.filter(
          (declaration) => declaration.kind === 'class' || entryExports.has(declaration.name),
        );
      }
      if (problems.length) {
        // A plain message and a failed build, rather than the analyzer's "error in third party plugin".
        console.error(
          `custom-elements.json: the tables of <closer-chat> and its types disagree:\n  ${problems.join('\n  ')}`,
        );
        process.exit(1);
      }
    },
  };
}

/**
 * `vscode.html-custom-data.json` and `web-types.json`, made by break-stuff's generators
 * (custom-element-vs-code-integration, custom-element-jet-brains-integration). Their
 * own cem plugins also write a CSS file, print, and may rewrite package.json; their
 * `get…` functions only return the text, written here.
 */
function editorDataPlugin() {
  const write = (file, text) => writeFileSync(file, `${JSON.stringify(JSON.parse(text), null, 2)}\n`);
  return {
    name: 'closer-chat-editor-data',
    packageLinkPhase({ customElementsManifest }) {
      write('vscode.html-custom-data.json', getVsCodeHtmlCustomData(customElementsManifest, {}));
      write('web-types.json', getWebTypesData(customElementsManifest, {}));
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
  // Ours first: the editor files are made from the manifest it completes.
  plugins: [closerChatPlugin(), editorDataPlugin()],
};
