// The spellings closer-chat/preact and closer-chat/solid type, checked at run time: each
// framework renders the tag, and its event props must receive our events. Preact's
// `h()` is what its JSX compiles to. Solid is driven through `solid-js/h`, whose
// `spread` applies dom-expressions' `assignProp`, the same naming rules as the JSX
// compiler (which these tests do not run).
import { expect } from '@open-wc/testing';
import { h as preactH, render as preactRender } from 'preact';
import solidH from 'solid-js/h';
import { render as solidRender } from 'solid-js/web';
import type { CloserChat } from '../src/index.js';
import type { CloserChatPreactProps } from '../src/frameworks/preact.js';
import type { CloserChatSolidProps } from '../src/frameworks/solid.js';
import { callsOf, nextEvent, ORG_ID, resetPage, simulator, SIMULATOR_URL } from './helpers.js';

const IDENTITY = { email: 'ada@example.com', firstName: 'Ada' };

/** Resolves with the rendered element once its widget is initialised. */
async function rendered(container: HTMLElement): Promise<CloserChat> {
  const element = container.querySelector('closer-chat');
  if (!element) throw new Error('nothing rendered');
  if (element.state !== 'ready') await nextEvent(element, 'closer-ready');
  return element;
}

describe('<closer-chat>', () => {
  describe('in Preact and Solid', () => {
    let container: HTMLElement;
    let unmount: () => void;
    beforeEach(() => {
      container = document.createElement('div');
      document.body.append(container);
    });
    afterEach(async () => {
      unmount?.();
      container.remove();
      await resetPage();
    });

    it('Preact: `oncloser-…` props receive the events, attributes and properties reach the widget', async () => {
      const heard: string[] = [];
      const props: CloserChatPreactProps = {
        'org-id': ORG_ID,
        src: SIMULATOR_URL,
        loading: 'eager',
        'grace-period': '0',
        'show-button': 'false',
        'disable-auto-open': true,
        identity: IDENTITY,
        'oncloser-ready': () => heard.push('oncloser-ready'),
        'oncloser-tags-changed': (event) => heard.push(`oncloser-tags-changed ${event.detail.tags.join(',')}`),
      };
      // The spelling closer-chat/preact rejects: Preact 10 listens for `CloserTagsChanged`, 11 for `closertagschanged`.
      const camelCase = { onCloserTagsChanged: () => heard.push('onCloserTagsChanged') };
      preactRender(preactH('closer-chat', { ...props, ...camelCase } as never), container);
      unmount = () => preactRender(null, container);

      const element = await rendered(container);
      expect(element.hasAttribute('identity'), 'identity is set as a property').to.equal(false);
      expect(element.getAttribute('disable-auto-open')).to.equal('true');
      const [init] = callsOf('init');
      expect(init.args[0]).to.include({ orgId: ORG_ID, showButton: false, disableAutoOpen: true });
      simulator().fire('onTagsChanged', ['vip']);
      expect(heard).to.deep.equal(['oncloser-ready', 'oncloser-tags-changed vip']);
    });

    it('Solid: `on:closer-…` and `oncloser-…` receive the events; expressions set properties', async () => {
      const heard: string[] = [];
      const props: CloserChatSolidProps = {
        'org-id': ORG_ID,
        src: SIMULATOR_URL,
        loading: 'eager',
        'grace-period': 0,
        'show-button': false,
        'prop:identity': IDENTITY,
        'attr:launcher-label': 'Chat with us',
        'on:closer-ready': () => heard.push('on:closer-ready'),
        'oncloser-tags-changed': (event) => heard.push(`oncloser-tags-changed ${event.detail.tags.join(',')}`),
        'on:closer-open': { once: true, handleEvent: () => heard.push('on:closer-open (options)') },
      };
      // The spelling closer-chat/solid rejects: Solid listens for `closertagschanged`.
      const camelCase = { onCloserTagsChanged: () => heard.push('onCloserTagsChanged') };
      unmount = solidRender(() => solidH('closer-chat', { ...props, ...camelCase } as never) as never, container);

      const element = await rendered(container);
      expect(element.showButton, 'show-button={false} set the property').to.equal(false);
      expect(element.gracePeriod).to.equal(0);
      expect(element.getAttribute('launcher-label')).to.equal('Chat with us');
      expect(element.identity).to.deep.equal(IDENTITY);
      const [init] = callsOf('init');
      expect(init.args[0]).to.include({ orgId: ORG_ID, showButton: false });
      simulator().fire('onTagsChanged', ['vip']);
      simulator().fire('onOpen');
      simulator().fire('onOpen');
      expect(heard).to.deep.equal(['on:closer-ready', 'oncloser-tags-changed vip', 'on:closer-open (options)']);
    });
  });
});
