import { expect } from '@open-wc/testing';
import {
  closeChat,
  getServerSnapshot,
  getSnapshot,
  openChat,
  SERVER_SNAPSHOT,
  subscribe,
  toggleChat,
  type CloserChatSnapshot,
} from '../src/frameworks/chat-store.js';
import { CloserChatError } from '../src/index.js';
import {
  callsOf,
  consoleErrors,
  eagerAttributes,
  mount,
  mountReady,
  nextEvent,
  nextTask,
  resetPage,
  simulator,
} from './helpers.js';

/** Subscribes for one test; `changes` counts the listener's calls. */
function listen(): { changes: () => number; stop: () => void } {
  let count = 0;
  const stop = subscribe(() => count++);
  stopAfterTest.push(stop);
  return { changes: () => count, stop };
}
const stopAfterTest: (() => void)[] = [];

/** Waits (bounded) until the snapshot satisfies `check`. */
async function snapshotWhere(check: (snapshot: CloserChatSnapshot) => boolean): Promise<CloserChatSnapshot> {
  for (let i = 0; i < 200; i++) {
    if (check(getSnapshot())) return getSnapshot();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`the snapshot never got there: ${JSON.stringify({ ...getSnapshot(), element: undefined })}`);
}

describe('<closer-chat>', () => {
  describe('the page chat store (useCloserChat)', () => {
    afterEach(async () => {
      stopAfterTest.splice(0).forEach((stop) => stop());
      document.querySelectorAll('.shadow-host').forEach((host) => host.remove());
      await resetPage();
    });

    it('reads as a page without a chat while there is no element, and open() says so', async () => {
      listen();
      expect(getSnapshot()).to.deep.equal(SERVER_SNAPSHOT);
      expect(getServerSnapshot()).to.equal(SERVER_SNAPSHOT);
      const error = await openChat().then(
        () => undefined,
        (reason: unknown) => reason,
      );
      expect(error).to.be.instanceOf(CloserChatError);
      expect((error as CloserChatError).detail.code).to.equal('not-connected');
      expect((error as CloserChatError).message).to.equal(
        '[closer-chat] open(): there is no <closer-chat> in the document. Add it to the page first.',
      );
    });

    it('follows an element added later: ready, unread messages, opened', async () => {
      const { changes } = listen();
      const element = mount(eagerAttributes());
      await element.load();
      let snapshot = await snapshotWhere((s) => s.ready);
      expect(snapshot.element).to.equal(element);
      expect(snapshot.state).to.equal('ready');
      expect(changes()).to.be.greaterThan(0);

      simulator().fire('onMessageReceived');
      simulator().fire('onMessageReceived');
      snapshot = await snapshotWhere((s) => s.unreadCount === 2);
      expect(snapshot.opened).to.equal(false);

      simulator().fire('onTagsChanged', ['vip']);
      snapshot = await snapshotWhere((s) => s.tags.length === 1);
      expect(snapshot.tags).to.deep.equal(['vip']);

      await openChat();
      snapshot = await snapshotWhere((s) => s.opened);
      expect(snapshot.unreadCount).to.equal(0);
      expect(callsOf('openWidget')).to.have.length(1);
    });

    it('keeps one snapshot object while nothing changed, and a new one per change', async () => {
      listen();
      await mountReady();
      const before = await snapshotWhere((s) => s.ready);
      expect(getSnapshot()).to.equal(before);
      expect(Object.isFrozen(before)).to.equal(true);
      simulator().fire('onMessageReceived');
      const after = await snapshotWhere((s) => s.unreadCount === 1);
      expect(after).not.to.equal(before);
      expect(getSnapshot()).to.equal(after);
    });

    it('goes back to no chat when the element is removed', async () => {
      listen();
      const element = await mountReady();
      await snapshotWhere((s) => s.ready);
      element.remove();
      const snapshot = await snapshotWhere((s) => s.element === undefined);
      expect(snapshot).to.deep.equal(SERVER_SNAPSHOT);
    });

    it('reads the element that runs the widget, not a second one that reports a conflict', async () => {
      listen();
      const first = await mountReady();
      let second!: HTMLElement & { state: string };
      const errors = await consoleErrors(async () => {
        second = mount(eagerAttributes());
        document.body.prepend(second); // first in document order, and in error
        await nextTask();
      });
      expect(errors.join('\n')).to.contain('another <closer-chat> already runs the widget');
      expect(second.state).to.equal('error');
      expect(getSnapshot().element).to.equal(first);
      expect(getSnapshot().state).to.equal('ready');
    });

    it('hears an element inside a shadow root, and a page that stops propagation', async () => {
      listen();
      const host = document.createElement('div');
      host.className = 'shadow-host';
      const root = host.attachShadow({ mode: 'open' });
      document.body.append(host);
      // The app stops our events at its component boundary.
      host.addEventListener('closer-ready', (event) => event.stopPropagation());
      host.addEventListener('closer-unread-changed', (event) => event.stopPropagation());
      const element = mount(eagerAttributes(), root);
      await element.load();
      expect(document.querySelector('closer-chat'), 'not reachable by querySelector').to.equal(null);
      const snapshot = await snapshotWhere((s) => s.ready);
      expect(snapshot.element).to.equal(element);
      simulator().fire('onMessageReceived');
      await snapshotWhere((s) => s.unreadCount === 1);
      await openChat();
      expect(callsOf('openWidget')).to.have.length(1);
    });

    it('toggle() and close() are the element’s: open, then close-unsupported on a widget without closeWidget()', async () => {
      listen();
      const element = await mountReady();
      await closeChat(); // closed already: nothing to do
      const opened = nextEvent(element, 'closer-open');
      await toggleChat();
      await opened;
      expect(getSnapshot().opened).to.equal(true);
      // The development widget has no closeWidget(), as the SDK's public docs name none.
      for (const call of [closeChat, toggleChat]) {
        const error = await call().then(
          () => undefined,
          (reason: unknown) => reason,
        );
        expect(error).to.be.instanceOf(CloserChatError);
        expect((error as CloserChatError).detail.code).to.equal('close-unsupported');
      }
      expect(getSnapshot().opened).to.equal(true);
    });

    it('stops listening once the last listener unsubscribes', async () => {
      const { changes, stop } = listen();
      await mountReady();
      await snapshotWhere((s) => s.ready);
      stop();
      const seen = changes();
      simulator().fire('onMessageReceived');
      await nextTask();
      expect(changes()).to.equal(seen);
      // Still readable without a subscription.
      expect(getSnapshot().unreadCount).to.equal(1);
    });
  });
});
