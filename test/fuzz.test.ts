// Lifecycle fuzz: seeded random sequences of what pages and frameworks do to the tag
// (create, connect, move, remove, re-add, attribute changes valid and not, load(),
// open(), logout(), widget callbacks) against widget scripts that are quick, slow,
// failing or late to install themselves. After every step the invariants must hold:
//   - at most one widget script tag;
//   - live inits − deinits is 0 or 1; no init with invalid options;
//   - a move never deinits;
//   - once things settle, the widget runs iff a connected owner wants it, and that
//     owner reads `ready`;
//   - no uncaught error; every event goes to a connected element, widget events to the owner.
// A failure prints the seed and the last steps, so it can be replayed.
import { expect } from '@open-wc/testing';
import type { CloserChat } from '../src/index.js';
import { OTHER_API_KEY, API_KEY, ORG_ID, OTHER_ORG_ID, resetPage, SIMULATOR_URL } from './helpers.js';

/** Seeds run by default; each is one page life of STEPS steps. */
const SEEDS = [11, 23, 37, 41, 53, 67, 79, 83, 97, 101];
const STEPS = 110;

/** Widget scripts of every kind the element may meet: quick, slow, failing, late. */
const SCRIPTS = [
  SIMULATOR_URL,
  `${SIMULATOR_URL}?delay=120`,
  `${SIMULATOR_URL}?delay=40`,
  '/dev/simulator/missing-widget.js',
  ...LATE_MODES(),
];

/** Simulator modes that install the SDK late (dev/simulator/README.md). */
function LATE_MODES(): string[] {
  return ['late-microtask', 'late-load', 'late-timer', 'queue-only'].map((mode) => `${SIMULATOR_URL}?mode=${mode}`);
}

const UUIDS = [ORG_ID, OTHER_ORG_ID];
const KEYS = [undefined, API_KEY, OTHER_API_KEY];

/** mulberry32: small, seedable, good enough to pick steps. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface SimulatorLike {
  calls: { method: string; args: any[] }[];
  initialized: boolean;
  fire(name: string, ...args: unknown[]): void;
}
const sim = () => (window as unknown as { closerSimulator?: SimulatorLike }).closerSimulator;

const isUuid = (value: unknown) =>
  typeof value === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

class Episode {
  readonly log: string[] = [];
  readonly elements: CloserChat[] = [];
  readonly uncaught: string[] = [];
  readonly misdirected: string[] = [];
  /** Elements that asked for the widget (load/open/eager) and did not log out since. */
  readonly wanting = new Set<CloserChat>();
  readonly #next: () => number;
  readonly #containers: HTMLElement[];

  constructor(readonly seed: number) {
    this.#next = random(seed);
    this.#containers = [0, 1].map(() => document.body.appendChild(document.createElement('section')));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.#next() * items.length)];
  }

  chance(p: number): boolean {
    return this.#next() < p;
  }

  /** One random step; returns its description. */
  async step(): Promise<string> {
    const connected = this.elements.filter((element) => element.isConnected);
    const any = this.elements.length > 0;
    const roll = this.#next();
    if (roll < 0.14 || !any) return this.#create();
    const element = this.pick(this.chance(0.8) && connected.length ? connected : this.elements);
    const name = `#${this.elements.indexOf(element)}`;
    if (roll < 0.24) {
      const to = this.pick(this.#containers);
      to.append(element); // a move, as frameworks reorder: disconnect + connect in one task
      return `move ${name}`;
    }
    if (roll < 0.32) {
      element.remove();
      this.wanting.delete(element);
      return `remove ${name}`;
    }
    if (roll < 0.38) {
      this.pick(this.#containers).append(element);
      return `re-add ${name}`;
    }
    if (roll < 0.52) return this.#setAttribute(element, name);
    if (roll < 0.62) {
      void element.load().catch(() => undefined);
      if (element.isConnected) this.wanting.add(element);
      return `load() ${name}`;
    }
    if (roll < 0.7) {
      void element.open().catch(() => undefined);
      if (element.isConnected) this.wanting.add(element);
      return `open() ${name}`;
    }
    if (roll < 0.75) {
      void element.logout().catch(() => undefined);
      this.wanting.delete(element);
      return `logout() ${name}`;
    }
    if (roll < 0.85) {
      const callback = this.pick(['onOpen', 'onClose', 'onMessageReceived', 'onMessageSent', 'onTagsChanged']);
      if (sim()?.initialized) sim()!.fire(callback, ['tag']);
      return `callback ${callback}`;
    }
    const ms = this.pick([0, 5, 20, 60, 150]);
    await later(ms);
    return `wait ${ms} ms`;
  }

  #create(): string {
    const element = document.createElement('closer-chat');
    element.setAttribute('org-id', this.chance(0.9) ? this.pick(UUIDS) : 'not-a-uuid');
    const key = this.pick(KEYS);
    if (key) element.setAttribute('api-key', key);
    element.setAttribute('src', this.pick(SCRIPTS));
    const loading = this.pick(['eager', 'manual', 'idle', 'interaction']);
    element.setAttribute('loading', loading);
    element.setAttribute('grace-period', this.pick(['0', '0', '40']));
    this.elements.push(element);
    this.pick(this.#containers).append(element);
    return `create #${this.elements.length - 1} ${loading} org=${element.getAttribute('org-id')?.slice(0, 4)} src=${element.getAttribute('src')}`;
  }

  #setAttribute(element: CloserChat, name: string): string {
    const which = this.pick(['org-id', 'api-key', 'show-button', 'loading', 'src', 'grace-period'] as const);
    const value = {
      'org-id': () => (this.chance(0.85) ? this.pick(UUIDS) : 'oops'),
      'api-key': () => this.pick([...KEYS, 'not-a-key']) ?? null,
      'show-button': () => this.pick(['true', 'false', null]),
      loading: () => this.pick(['eager', 'manual', 'idle', 'interaction', 'later']),
      src: () => this.pick([...SCRIPTS, 'https://evil.example/widget.js']),
      'grace-period': () => this.pick(['0', '30', '-1']),
    }[which]();
    if (value === null) element.removeAttribute(which);
    else element.setAttribute(which, value);
    if (which === 'loading' && value === 'eager' && element.isConnected) this.wanting.add(element);
    return `${name} ${which}=${value}`;
  }

  /** Removes everything and waits for the widget to go down. */
  async end(): Promise<void> {
    this.#containers.forEach((container) => container.remove());
    await later(100);
  }
}

/** The invariants that hold after every step. */
function checkAlways(episode: Episode, deinitsBefore: number, step: string): void {
  const scripts = Array.from(document.scripts).filter((script) => script.src.includes('/dev/simulator/'));
  expect(scripts.length, 'at most one widget script tag').to.be.at.most(1);
  const calls = sim()?.calls ?? [];
  const inits = calls.filter((call) => call.method === 'init');
  const deinits = calls.filter((call) => call.method === 'deinit').length;
  // Live sessions over the call sequence: never two inits without a deinit between.
  // (A deinit with nothing live is logout() clearing a stored session: allowed.)
  let live = 0;
  for (const call of calls) {
    if (call.method === 'init') live++;
    if (call.method === 'deinit') live = Math.max(0, live - 1);
    expect(live, 'live inits − deinits').to.be.oneOf([0, 1]);
  }
  for (const init of inits) {
    expect(isUuid(init.args[0]?.orgId), 'init only with a valid org-id').to.equal(true);
    if (init.args[0]?.apiKey !== undefined) expect(isUuid(init.args[0].apiKey), 'a valid api key').to.equal(true);
  }
  if (step.startsWith('move')) expect(deinits, 'a move never deinits').to.equal(deinitsBefore);
  expect(episode.uncaught, 'no uncaught error').to.deep.equal([]);
  expect(episode.misdirected, 'events only on a connected element').to.deep.equal([]);
}

/** Once nothing is pending (past every grace period): the widget runs iff a connected owner has it. */
function checkSettled(episode: Episode): void {
  const ready = episode.elements.filter((element) => element.state === 'ready');
  const running = sim()?.initialized === true;
  expect(ready.length, 'at most one element reads ready').to.be.at.most(1);
  for (const element of ready) expect(element.isConnected, 'a ready element is in the page').to.equal(true);
  if (!running) expect(ready.length, 'nobody reads ready without a running widget').to.equal(0);
  // A running widget has its owner: ready, or in error over a config it could not apply.
  if (running)
    expect(ready.length === 1 || episode.elements.some((e) => e.isConnected && e.state === 'error')).to.equal(true);
  // Nobody left in the page: the widget is down.
  if (!episode.elements.some((element) => element.isConnected))
    expect(running, 'no element, no widget').to.equal(false);
}

describe('<closer-chat> lifecycle fuzz', function () {
  this.timeout(120_000);
  afterEach(resetPage);

  for (const seed of SEEDS) {
    it(`seed ${seed}: ${STEPS} random steps keep every invariant`, async () => {
      const episode = new Episode(seed);
      const onError = (event: ErrorEvent | PromiseRejectionEvent) => {
        const reason = 'reason' in event ? event.reason : event.error;
        episode.uncaught.push(String(reason?.stack ?? reason ?? event));
      };
      const onEvent = (event: Event) => {
        const target = event.target as Element;
        if (!target.isConnected) episode.misdirected.push(`${event.type} on a detached element`);
      };
      const names = [
        'closer-open',
        'closer-close',
        'closer-message-received',
        'closer-message-sent',
        'closer-ready',
        'closer-tags-changed',
      ];
      window.addEventListener('error', onError);
      window.addEventListener('unhandledrejection', onError);
      names.forEach((name) => document.addEventListener(name, onEvent, true));
      const quietErrors = console.error;
      console.error = () => undefined; // config and load errors are part of the game
      try {
        for (let index = 0; index < STEPS; index++) {
          const deinitsBefore = (sim()?.calls ?? []).filter((call) => call.method === 'deinit').length;
          const step = await episode.step();
          episode.log.push(step);
          await later(6); // past the end of the task: what the lifecycle rules wait for
          try {
            checkAlways(episode, deinitsBefore, step);
            if (index % 10 === 9) {
              await later(200); // let slow and late scripts arrive
              checkSettled(episode);
            }
          } catch (error) {
            const steps = episode.log
              .slice(-25)
              .map((line, i, all) => `  ${episode.log.length - all.length + i + 1}. ${line}`);
            throw new Error(
              `fuzz seed ${seed} failed at step ${index + 1}: ${(error as Error).message}\n${steps.join('\n')}`,
              { cause: error },
            );
          }
        }
        await episode.end();
        expect(sim()?.initialized ?? false, `seed ${seed}: everything removed, the widget is down`).to.equal(false);
      } finally {
        console.error = quietErrors;
        window.removeEventListener('error', onError);
        window.removeEventListener('unhandledrejection', onError);
        names.forEach((name) => document.removeEventListener(name, onEvent, true));
      }
    });
  }
});
