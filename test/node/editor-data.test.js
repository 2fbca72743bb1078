// The editor files `npm run build` makes from the manifest (custom-elements-manifest.config.mjs):
// vscode.html-custom-data.json (VS Code's `html.customData`) and web-types.json
// (JetBrains, found through package.json "web-types"). Each must list every attribute
// and event of the manifest, which test/manifest.test.ts holds to the element.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';

const read = async (path) => JSON.parse(await readFile(new URL(`../../${path}`, import.meta.url), 'utf8'));
const manifestElement = async () =>
  (await read('custom-elements.json')).modules
    .flatMap((module) => module.declarations ?? [])
    .find((declaration) => declaration.tagName === 'closer-chat');
/** `'idle' | 'eager'` → ['idle', 'eager']: the values an editor offers. */
const literals = (typeText = '') => [...typeText.matchAll(/'([^']*)'/g)].map((match) => match[1]);

test('vscode.html-custom-data.json lists every attribute, its values, and every event of the manifest', async () => {
  const element = await manifestElement();
  const data = await read('vscode.html-custom-data.json');
  assert.equal(data.version, 1.1);
  const tags = data.tags.filter((tag) => tag.name === 'closer-chat');
  assert.equal(tags.length, 1);
  const [tag] = tags;
  assert.deepEqual(
    tag.attributes.map((attribute) => attribute.name),
    element.attributes.map((attribute) => attribute.name),
  );
  for (const attribute of element.attributes) {
    const listed = tag.attributes.find((a) => a.name === attribute.name);
    assert.equal(listed.description, attribute.description, attribute.name);
    assert.deepEqual(
      listed.values.map((value) => value.name).toSorted(),
      literals(attribute.type?.text).toSorted(),
      `${attribute.name}: the values of ${attribute.type?.text}`,
    );
  }
  // VS Code's format has no events: they are in the element's description.
  assert.ok(element.events.length > 0);
  for (const event of element.events) assert.ok(tag.description.includes(`**${event.name}**`), event.name);
});

test('web-types.json lists every attribute and event of the manifest, and package.json points to it', async () => {
  const element = await manifestElement();
  const pkg = await read('package.json');
  assert.equal(pkg['web-types'], './web-types.json');
  const webTypes = await read(pkg['web-types']);
  assert.equal(webTypes.name, pkg.name);
  assert.equal(webTypes.version, pkg.version);
  const [listed, ...more] = webTypes.contributions.html.elements.filter((e) => e.name === 'closer-chat');
  assert.equal(more.length, 0);
  assert.deepEqual(
    listed.attributes.map((attribute) => attribute.name),
    element.attributes.map((attribute) => attribute.name),
  );
  for (const attribute of element.attributes) {
    const entry = listed.attributes.find((a) => a.name === attribute.name);
    assert.equal(entry.value?.type, attribute.type?.text, attribute.name);
  }
  const events = element.events.map((event) => event.name);
  assert.deepEqual(
    listed.events.map((event) => event.name),
    events,
  );
  assert.deepEqual(
    listed.js.events.map((event) => event.name),
    events,
  );
});

test('both editor files are shipped', async () => {
  const pkg = await read('package.json');
  for (const file of ['vscode.html-custom-data.json', 'web-types.json']) {
    assert.ok(pkg.files.includes(file), `"files" lists ${file}`);
    assert.equal(pkg.exports[`./${file}`], `./${file}`);
  }
});
