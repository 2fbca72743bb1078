// The README is the documentation users read: its tables must match the code.
import { expect } from '@open-wc/testing';
import { CLOSER_EVENTS, CloserChat } from '../src/index.js';

/** First-column names of the README table whose header starts with `| heading |`. */
async function tableNames(heading: string): Promise<string[]> {
  const readme = await (await fetch('/README.md')).text();
  const lines = readme.split('\n');
  const start = lines.findIndex((line) => line.startsWith(`| ${heading} |`));
  expect(start, `a README table headed "${heading}"`).to.be.greaterThan(-1);
  const names: string[] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    names.push(...Array.from(line.split('|')[1].matchAll(/`([^`]+)`/g), (match) => match[1]));
  }
  return names;
}

describe('README', () => {
  it('documents every event the element dispatches, and no other', async () => {
    expect(await tableNames('event')).to.have.members([...CLOSER_EVENTS]);
  });

  it('documents every observed attribute, plus nonce, and no other', async () => {
    const observed = (CloserChat as unknown as { observedAttributes: string[] }).observedAttributes;
    expect(await tableNames('attribute')).to.have.members([...observed, 'nonce']);
  });

  it('documents every custom state the element sets', async () => {
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
