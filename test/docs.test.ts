// The README is the documentation users read: its tables must match the code, and
// the code's tables (attributes.ts, events.ts, errors.ts) are where that comes from.
import { expect } from '@open-wc/testing';
import { ATTRIBUTES, PROPERTIES, propertyOf } from '../src/config/attributes.js';
import { CONSENT_MANAGERS } from '../src/consent/managers.js';
import { isConsentSource } from '../src/consent/source.js';
import { CLOSER_EVENTS, CloserChat, ERRORS } from '../src/index.js';
import { resetPage, SIMULATOR_URL } from './helpers.js';

/** The rows of the table in `file` whose header starts with `| heading |`: its cells, backticks kept. */
async function tableRows(heading: string, file = '/README.md'): Promise<string[][]> {
  const readme = await (await fetch(file)).text();
  const lines = readme.split('\n');
  const start = lines.findIndex((line) => line.startsWith(`| ${heading} |`));
  expect(start, `a table headed "${heading}" in ${file}`).to.be.greaterThan(-1);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
  }
  return rows;
}

/** The `code` names in a cell. */
const codeNames = (cell: string): string[] => Array.from(cell.matchAll(/`([^`]+)`/g), (match) => match[1]);

/** First-column names of a README table. */
const tableNames = async (heading: string): Promise<string[]> =>
  (await tableRows(heading)).flatMap((row) => codeNames(row[0]));

describe('README', () => {
  it('documents every event the element dispatches, and no other', async () => {
    expect(await tableNames('event')).to.have.members([...CLOSER_EVENTS]);
  });

  it('documents every attribute of the attribute table, with its init option, and no other', async () => {
    const rows = await tableRows('attribute');
    const documented = Object.fromEntries(rows.map((row) => [codeNames(row[0])[0], codeNames(row[1])[0] ?? null]));
    const fromTable = Object.fromEntries(
      ATTRIBUTES.map((row) => [row.attribute, 'init' in row ? propertyOf(row) : null]),
    );
    expect(documented).to.deep.equal(fromTable);
  });

  it('documents every property-only input of the table', async () => {
    expect(await tableNames('property')).to.include.members(PROPERTIES.map((row) => row.property));
  });

  it('the element observes every attribute of the table but the built-in nonce', () => {
    const observed = (CloserChat as unknown as { observedAttributes: string[] }).observedAttributes;
    const tableAttributes = ATTRIBUTES.filter((row) => !('builtIn' in row)).map((row) => row.attribute);
    expect(observed).to.have.members(tableAttributes);
  });

  it('documents every error code with its phase, and no other', async () => {
    const rows = await tableRows('code');
    const documented = Object.fromEntries(rows.map((row) => [codeNames(row[0])[0], codeNames(row[1])[0]]));
    const fromCode = Object.fromEntries(Object.entries(ERRORS).map(([code, { phase }]) => [code, phase]));
    expect(documented).to.deep.equal(fromCode);
  });

  it('documents every custom state the element sets', async function () {
    // The first invalid config of the run loads the explanation chunk (and zod) through
    // the dev server: seconds on a loaded machine, not a hang.
    this.timeout(20_000);
    const states = (await tableNames('custom state')).map((name) => name.replace(/^:state\((.+)\)$/, '$1'));
    expect(states).to.have.members(['loading', 'ready', 'error', 'open', 'unread']);
    const element = document.createElement('closer-chat');
    element.setAttribute('org-id', 'not-a-uuid');
    const logged = console.error;
    console.error = () => undefined;
    document.body.append(element);
    await element.updateComplete;
    console.error = logged;
    expect(element.matches(':state(error)'), 'the states named in the README are real').to.equal(true);
    element.remove();
  });
});

describe('the space of widget SDKs', () => {
  afterEach(resetPage);

  /** The development widget's own table of the space (`closerSimulator.space`): the single source. */
  async function space(): Promise<{ name: string; values: string[]; default: string }[]> {
    const script = document.createElement('script');
    script.src = `${SIMULATOR_URL}?docs=1`;
    const loaded = new Promise((resolve) => script.addEventListener('load', resolve, { once: true }));
    document.head.append(script);
    await loaded;
    return (window.closerSimulator as unknown as { space: { name: string; values: string[]; default: string }[] })
      .space;
  }

  it('docs/widget-sdk.md names every dimension with its values, default first, and no other', async () => {
    const rows = await tableRows('dimension', '/docs/widget-sdk.md');
    // Each value starts a `·`-separated part of the cell: `stub` (default): … · `replace`: …
    const documented = rows.map((row) => ({
      name: codeNames(row[0])[0],
      values: row[1].split(' · ').map((part) => codeNames(part)[0]),
      defaultMarked: row[1].split(' · ')[0].includes('(default)'),
    }));
    const fromCode = (await space()).map(({ name, values }) => ({ name, values: [...values], defaultMarked: true }));
    expect(documented).to.deep.equal(fromCode);
  });

  it('dev/simulator/README.md describes every dimension and value the simulator plays, and no other', async () => {
    const rows = await tableRows('dimension', '/dev/simulator/README.md');
    const documented = rows.map((row) => ({ name: codeNames(row[0])[0], values: codeNames(row[1]) }));
    const fromCode = (await space()).map(({ name, values }) => ({ name, values: [...values] }));
    expect(documented).to.deep.equal(fromCode);
  });
});

describe('docs/consent.md', () => {
  it('sets up every consent manager consent-from knows, in order, each with a value the element accepts', async () => {
    const rows = await tableRows('manager', '/docs/consent.md');
    expect(rows.map((row) => codeNames(row[0])[0])).to.deep.equal([...CONSENT_MANAGERS]);
    for (const row of rows) {
      const example = codeNames(row[1])[0];
      expect(example.startsWith(`${codeNames(row[0])[0]}:`), example).to.equal(true);
      expect(isConsentSource(example), example).to.equal(true);
    }
  });
});
