/**
 * One case of the lifecycle property test: a fresh page (test/fixtures/property.html in
 * an iframe) with the development widget playing one point of the SDK space, the
 * actions played on it, the page model kept alongside, and the invariants checked.
 */
import { expect } from '@open-wc/testing';
import type { CloserChat } from '../../src/index.js';
import {
  describeAction,
  type METHODS,
  PageModel,
  sameVisitor,
  withheld,
  type Action,
  type Tag,
  type TagAttributes,
  type WidgetSeen,
} from './page-model.js';

/** The codes a rejection may carry (src/errors.ts), read from the page's own module. */
type ErrorCodes = readonly string[];

interface SimulatorCall {
  readonly method: string;
  readonly args: readonly Record<string, unknown>[];
}

interface SimulatorHooks {
  readonly calls: SimulatorCall[];
  readonly initialized: boolean;
  /** Live sessions (2 only if an init came while one ran). */
  readonly sessions: number;
  /** A deinit was called and its teardown has not completed yet. */
  readonly teardownPending: boolean;
  readonly options: { orgId: string; apiKey?: string } | null;
  fire(name: string, ...args: unknown[]): boolean;
  remoteLogoff?(): Promise<void>;
}

type CasePageWindow = Window &
  typeof globalThis & {
    uncaught: string[];
    storageWrites: string[];
    closerSimulator?: SimulatorHooks;
  };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EVENTS = ['closer-open', 'closer-close', 'closer-message-received', 'closer-ready', 'closer-logout'];
/** Longer than any grace period, script delay or install timer the cases use. */
const QUIET_MS = 80;
/** How long "eventually" may take once the page is quiet (an idle callback; a machine so loaded that a script takes seconds to run). */
const EVENTUALLY_MS = 15_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A method promise the page holds, to check that it settles and how. */
interface Pending {
  readonly what: string;
  settled: boolean;
  outcome?: { ok: true } | { ok: false; reason: unknown };
}

export class CasePage {
  readonly model: PageModel;
  readonly log: string[] = [];
  readonly #frame: HTMLIFrameElement;
  readonly #win: CasePageWindow;
  readonly #src: string;
  readonly #codes: ErrorCodes;
  readonly #lastErrors = new WeakMap<CloserChat, string>();
  readonly #pending: Pending[] = [];
  readonly #misdirected: string[] = [];
  /** Every SDK call so far, across executions of the script (an SDK that removes itself runs again). */
  readonly #calls: SimulatorCall[] = [];
  #sim?: SimulatorHooks;
  /** Every execution of the widget script on this page (one that removed itself runs again). */
  readonly #sims = new Set<SimulatorHooks>();
  #simSeen = 0;
  #storageSeen = 0;
  #deinitsAtMove?: number;

  private constructor(
    frame: HTMLIFrameElement,
    win: CasePageWindow,
    src: string,
    codes: ErrorCodes,
    initWorks: boolean,
  ) {
    this.#frame = frame;
    this.#win = win;
    this.#src = src;
    this.#codes = codes;
    this.model = new PageModel(initWorks);
  }

  /** A fresh page whose tags load the widget from `src` (one point of the SDK space). */
  static async open(src: string, codes: ErrorCodes, initWorks: boolean): Promise<CasePage> {
    const frame = document.createElement('iframe');
    frame.src = '/test/fixtures/property.html';
    document.body.append(frame);
    // Generous: on a machine shared with other test runs a page's first load can take seconds.
    const end = performance.now() + 30_000;
    for (;;) {
      const win = frame.contentWindow as CasePageWindow | null;
      if (win?.customElements?.get('closer-chat') && win.document.readyState === 'complete') {
        return new CasePage(frame, win, src, codes, initWorks);
      }
      if (performance.now() > end) throw new Error('the case page did not load');
      await sleep(10);
    }
  }

  close(): void {
    this.#frame.remove();
  }

  get #document(): Document {
    return this.#win.document;
  }

  #containers(): HTMLElement[] {
    return [this.#document.getElementById('a')!, this.#document.getElementById('b')!];
  }

  /** What the widget runs now, as the development widget reports it. */
  seen(): WidgetSeen {
    const sim = this.#win.closerSimulator;
    const options = sim?.options;
    // A session whose deinit is still finishing (deinit=promise or task) has ended.
    return sim?.initialized && !sim.teardownPending && options
      ? { running: true, visitor: options }
      : { running: false };
  }

  #tag(index: number): Tag | undefined {
    const tags = this.model.tags;
    return tags.length ? tags[index % tags.length] : undefined;
  }

  #create(attributes: TagAttributes): Tag {
    const element = this.#document.createElement('closer-chat') as CloserChat;
    element.setAttribute('src', this.#src);
    for (const [name, value] of Object.entries(attributes)) if (value !== undefined) element.setAttribute(name, value);
    for (const name of EVENTS) {
      element.addEventListener(name, () => {
        if (!element.isConnected) this.#misdirected.push(`${name} on a detached tag`);
      });
    }
    // The last error each tag reported, for a failure's message (which fault, which code).
    element.addEventListener('closer-error', ({ detail }) => this.#lastErrors.set(element, detail.code));
    return this.model.add(element);
  }

  #track(what: string, promise: Promise<unknown>): void {
    const pending: Pending = { what, settled: false };
    this.#pending.push(pending);
    promise.then(
      () => Object.assign(pending, { settled: true, outcome: { ok: true } }),
      (reason: unknown) => Object.assign(pending, { settled: true, outcome: { ok: false, reason } }),
    );
  }

  /** Calls a method of the tag as a page does (not awaited); the model follows. */
  #call(tag: Tag, name: (typeof METHODS)[number]): void {
    const method = name === 'toggle' ? (tag.element.opened ? 'close' : 'open') : name;
    this.#track(`#${tag.index}.${name}()`, tag.element[name]());
    if (method === 'load' || method === 'open') this.model.ask(tag, method === 'open');
    if (method === 'logout') this.model.logout(tag);
  }

  #connect(tag: Tag, where: 0 | 1): void {
    const wasConnected = tag.element.isConnected;
    this.#containers()[where].append(tag.element);
    if (!wasConnected) this.model.applyConfig(tag, this.seen());
  }

  /**
   * Plays one action; the model follows. A tag applies what changed in its next update (a
   * microtask later): that update has run before the next action, so the model, which
   * applies each action at once, sees what the tag saw. (Several changes in one update
   * are the lifecycle tests' part.)
   */
  async play(action: Action): Promise<void> {
    this.log.push(describeAction(action));
    await this.#act(action);
    const started = performance.now();
    await Promise.all(
      this.model.tags.filter((tag) => tag.element.isConnected).map((tag) => tag.element.updateComplete),
    );
    // An update of a refused config loads its explanation (a fetch): the page may have yielded.
    if (performance.now() - started > 1) this.model.yielded(-Infinity);
    this.model.decide(this.seen());
  }

  async #act(action: Action): Promise<void> {
    switch (action.kind) {
      case 'create': {
        const tag = this.#create(action.attributes);
        if (action.where !== 'detached') this.#connect(tag, action.where);
        break;
      }
      case 'connect': {
        const tag = this.#tag(action.tag);
        if (tag && !tag.element.isConnected) this.#connect(tag, action.where);
        break;
      }
      case 'move': {
        // A framework reordering: disconnect and connect in one task (the tag applies
        // its config again, so a refused second tag may now take over).
        const tag = this.#tag(action.tag);
        if (!tag?.element.isConnected) break;
        // What earlier actions set off lands first (an identity switch runs in microtasks,
        // a removal's teardown at the end of its task): the move is judged on its own.
        await this.#sleep(0);
        await this.#sleep(0);
        // Moving the owner never logs anyone off. (A refused tag that moves applies its
        // config again and may take over, with another visitor: that is no move of the
        // widget. And a logout or load still on its way may land meanwhile: judged then.)
        const quiet = this.#pending.every((pending) => pending.settled) && tag.element.state !== 'loading';
        if (this.model.owner === tag && !tag.conflict && quiet) this.#deinitsAtMove = this.#count('deinit');
        const [a, b] = this.#containers();
        this.model.removed(tag, this.seen());
        (tag.element.parentElement === a ? b : a).append(tag.element);
        this.model.applyConfig(tag, this.seen());
        await this.#sleep(0); // past the end of the task, where a teardown would come
        break;
      }
      case 'remove': {
        const tag = this.#tag(action.tag);
        if (!tag?.element.isConnected) break;
        tag.element.remove();
        this.model.removed(tag, this.seen());
        break;
      }
      case 'replace': {
        // A SPA route: the old page's tag goes, the new page's comes, in one task.
        const old = this.#tag(action.tag);
        if (!old?.element.isConnected) break;
        const parent = old.element.parentElement!;
        old.element.remove();
        this.model.removed(old, this.seen());
        const tag = this.#create(action.attributes);
        parent.append(tag.element);
        this.model.applyConfig(tag, this.seen());
        break;
      }
      case 'attribute': {
        const tag = this.#tag(action.tag);
        if (!tag || tag.element.getAttribute(action.name) === action.value) break; // no change, no update
        if (action.value === null) tag.element.removeAttribute(action.name);
        else tag.element.setAttribute(action.name, action.value);
        this.model.applyConfig(tag, this.seen());
        break;
      }
      case 'call': {
        const tag = this.#tag(action.tag);
        if (tag) this.#call(tag, action.method);
        break;
      }
      case 'calls': {
        const tag = this.#tag(action.tag);
        if (tag) for (const method of action.methods) this.#call(tag, method);
        break;
      }
      case 'click': {
        const tag = this.#tag(action.tag);
        const launcher = tag?.element.shadowRoot?.querySelector<HTMLButtonElement>('button[part~="launcher"]');
        if (!tag || !launcher) break;
        launcher.click();
        this.model.ask(tag, true);
        break;
      }
      case 'callback': {
        const sim = this.#win.closerSimulator;
        if (sim?.initialized) sim.fire(action.name, ...(action.name === 'onTagsChanged' ? [['vip']] : []));
        break;
      }
      case 'other-tab-logoff': {
        // Another tab's element called deinit: its SDK tells this tab's SDK its own way
        // (or not at all), and its element posts on the elements' channel.
        // (The SDK's part first: should the element's message overtake it while this tab's
        // init is on its way, the SDK would end a session the element just started and
        // never hear of: a race the SDK gives no signal for, noted in docs/widget-sdk.md.)
        const seen = this.seen();
        await Promise.race([this.#win.closerSimulator?.remoteLogoff?.(), sleep(1_000)]);
        // The message reaches the page when the browser delivers it, which under load can
        // be later than any fixed wait (then the element heard it only after the steps
        // that followed, e.g. an open()). A listener of the page's own, younger than the
        // element's, hears it after the element does: the step ends then.
        const probe = new this.#win.BroadcastChannel('closer-chat');
        const delivered = new Promise<void>((resolve) => (probe.onmessage = () => resolve()));
        const channel = new BroadcastChannel('closer-chat');
        channel.postMessage({ type: 'logoff' });
        channel.close();
        await Promise.race([delivered, sleep(5_000)]);
        probe.close();
        this.model.otherTabLoggedOff(seen);
        await this.#sleep(20); // what the element does on it runs in tasks of its own
        break;
      }
      case 'gap':
        await this.#gap(action.gap, action.ms);
        break;
      case 'settle':
        await this.settle();
        break;
    }
  }

  async #gap(gap: 'microtask' | 'task' | 'frame' | 'timer', ms: number): Promise<void> {
    if (gap === 'microtask') return void (await Promise.resolve());
    if (gap === 'frame') {
      await new Promise((resolve) => this.#win.requestAnimationFrame(resolve));
      return this.model.yielded(-Infinity); // which timers ran before the frame is the browser's choice
    }
    await this.#sleep(gap === 'task' ? 0 : ms);
  }

  /** A timer of the test's own: once it fires, so have all the page's timers due before it. */
  async #sleep(ms: number): Promise<void> {
    const deadline = performance.now() + ms;
    await sleep(ms);
    this.model.yielded(deadline);
  }

  /**
   * Collects the SDK's calls, across executions of the widget script. A second execution
   * keeps the first one's `calls` array (the simulator's own record); only a copy after
   * `reset()` starts a new one.
   */
  #collectCalls(): SimulatorCall[] {
    const sim = this.#win.closerSimulator;
    if (this.#sim && sim !== this.#sim && sim?.calls !== this.#sim.calls) {
      this.#calls.push(...this.#sim.calls.slice(this.#simSeen));
      this.#simSeen = 0;
    }
    if (sim) {
      this.#sims.add(sim);
      this.#calls.push(...sim.calls.slice(this.#simSeen));
      this.#simSeen = sim.calls.length;
    }
    this.#sim = sim;
    return this.#calls;
  }

  #count(method: string): number {
    return this.#collectCalls().filter((call) => call.method === method).length;
  }

  /** The invariants that hold after every action. */
  checkAlways(callsBefore: number): void {
    const scripts = Array.from(this.#document.scripts).filter((script) =>
      script.src.includes('/dev/simulator/widget.js'),
    );
    expect(scripts.length, 'at most one widget script tag').to.be.at.most(1);
    const calls = this.#collectCalls();
    // Live sessions, as the SDK counts them: init starts one, deinit (or another tab's
    // logoff) ends them; every execution of the script on this page counts.
    const live = [...this.#sims].reduce((sum, sim) => sum + sim.sessions, 0);
    expect(live, 'live inits − deinits').to.be.oneOf([0, 1]);
    for (const call of calls.slice(callsBefore)) {
      if (call.method !== 'init') continue;
      const { orgId, apiKey } = call.args[0] as { orgId: string; apiKey?: string };
      expect(UUID.test(orgId), 'init only with a valid org-id').to.equal(true);
      if (apiKey !== undefined) expect(UUID.test(apiKey), 'init only with a valid api-key').to.equal(true);
      const consented = this.model.tags.some(
        (tag) => tag.applied && !withheld(tag.applied) && sameVisitor(tag.applied, { orgId, apiKey }),
      );
      expect(consented, 'no init without consent').to.equal(true);
    }
    if (this.#deinitsAtMove !== undefined) {
      expect(this.#count('deinit'), 'a move never deinits').to.equal(this.#deinitsAtMove);
      this.#deinitsAtMove = undefined;
    }
    const writes = this.#win.storageWrites.slice(this.#storageSeen);
    this.#storageSeen = this.#win.storageWrites.length;
    const owner = this.model.owner;
    // The element's own keys, and the SDK's while it runs for the owner's visitor. (A
    // predecessor's session, consented, may still store in the task that replaced its tag:
    // the teardown comes at the end of that task.)
    const seen = this.seen();
    const runsForOwner = !!seen.visitor && !!owner?.applied && sameVisitor(seen.visitor, owner.applied);
    const ownWrites = writes.filter((key) => key.startsWith('closer-chat:') || runsForOwner);
    if (ownWrites.length && owner?.applied) {
      expect(withheld(owner.applied), `nothing stored while consent is withheld (${ownWrites.join(', ')})`).to.equal(
        false,
      );
    }
    expect(this.#win.uncaught, 'no uncaught error').to.deep.equal([]);
    expect(this.#misdirected, 'events only on a tag in the page').to.deep.equal([]);
  }

  /** How many SDK calls there were so far (to check only the new ones). */
  callCount(): number {
    return this.#collectCalls().length;
  }

  /**
   * Waits until the page is quiet (past every grace period and install timer), then
   * until the settled invariants hold twice in a row; fails with the last mismatch.
   */
  /** Time spent waiting in `settle`, for the run's figures, and what the slow ones waited for (ms in all). */
  static settleMs = 0;
  static slowSettles = new Map<string, number>();

  async settle(): Promise<void> {
    const started = performance.now();
    try {
      await this.#settle();
    } finally {
      CasePage.settleMs += performance.now() - started;
    }
  }

  async #settle(): Promise<void> {
    await this.#sleep(QUIET_MS);
    const end = performance.now() + EVENTUALLY_MS;
    let held = 0;
    let waitedFor = '';
    for (;;) {
      let failure: unknown;
      try {
        this.#checkSettled();
      } catch (error) {
        failure = error;
        waitedFor = String((error as Error).message)
          .replace(/#\d+/g, '#n')
          .slice(0, 60);
      }
      held = failure ? 0 : held + 1;
      if (held === 2) {
        if (waitedFor) {
          const waited = Math.round(performance.now() - end + EVENTUALLY_MS);
          CasePage.slowSettles.set(waitedFor, (CasePage.slowSettles.get(waitedFor) ?? 0) + waited);
        }
        return;
      }
      if (failure && performance.now() > end) {
        throw new Error(`${(failure as Error).message}\n${this.snapshot()}`, { cause: failure });
      }
      await this.#sleep(25);
    }
  }

  /** The page as the test sees it and as the model has it, for a failure's message. */
  snapshot(): string {
    const seen = this.seen();
    const visitor = (v?: { orgId: string; apiKey?: string }) =>
      v ? `${v.orgId.slice(0, 4)}/${v.apiKey?.slice(0, 4) ?? '-'}` : '-';
    const lines = this.model.tags.map((tag) => {
      const flags = [
        tag.element.isConnected ? 'connected' : 'detached',
        `state ${tag.element.state}${this.#lastErrors.has(tag.element) ? ` (last error ${this.#lastErrors.get(tag.element)})` : ''}`,
        this.model.owner === tag ? 'OWNER' : '',
        `want ${String(tag.want)}`,
        tag.loggedOut ? 'logged-out' : '',
        tag.conflict ? 'conflict' : '',
        `applied ${visitor(tag.applied)} ${tag.applied?.loading ?? ''} consent=${tag.applied?.consent ?? '-'}`,
      ];
      return `  #${tag.index}: ${flags.filter(Boolean).join(', ')}`;
    });
    const sim = this.#win.closerSimulator;
    const scripts = Array.from(this.#document.scripts).filter((script) => script.src.includes('/dev/simulator/'));
    const closer = (this.#win as { closer?: { deinit?: unknown; q?: unknown } }).closer;
    const sdk = !closer
      ? 'none'
      : typeof closer.deinit === 'function'
        ? 'sdk'
        : Array.isArray(closer.q)
          ? 'stub'
          : 'other';
    return [
      `widget: ${seen.running ? `running for ${visitor(seen.visitor)}` : 'not running'}, sessions ${sim?.sessions ?? 0}, ` +
        `window.closer ${sdk}, ${scripts.length} script tag(s), simulator ${sim ? `installed ${String((sim as { installed?: boolean }).installed)}` : 'none'}`,
      `calls: ${this.#collectCalls()
        .map((call) => call.method)
        .join(' ')}`,
      ...lines,
    ].join('\n');
  }

  #checkSettled(): void {
    for (const pending of this.#pending) {
      expect(pending.settled, `${pending.what} settles`).to.equal(true);
      if (pending.outcome?.ok === false) {
        const code = (pending.outcome.reason as { detail?: { code?: string } })?.detail?.code;
        expect(
          this.#codes,
          `${pending.what} rejects with a closer-error detail: ${String(pending.outcome.reason)}`,
        ).to.include(code);
      }
    }
    const seen = this.seen();
    const { run, owner } = this.model.expected();
    const ready = this.model.tags.filter((tag) => tag.element.state === 'ready');
    expect(ready.length, 'at most one tag reads ready').to.be.at.most(1);
    for (const tag of ready) {
      expect(tag.element.isConnected, 'a ready tag is in the page').to.equal(true);
      expect(tag, 'the ready tag is the owner').to.equal(owner);
    }
    if (!seen.running) expect(ready.length, 'nobody reads ready without a running widget').to.equal(0);
    if (run === false) expect(seen.running, 'the widget does not run').to.equal(false);
    if (run === true) {
      expect(seen.running, `the widget runs for #${owner!.index}`).to.equal(true);
      // A config made invalid meanwhile reads as an error; its visitor's chat goes on.
      const state = this.model.validNow(owner!) ? 'ready' : 'error';
      expect(owner!.element.state, `#${owner!.index} reads ${state}`).to.equal(state);
    }
    if (seen.running) {
      expect(owner, 'a running widget has a tag in the page').to.not.equal(undefined);
      expect(sameVisitor(seen.visitor!, owner!.applied!), "it runs for exactly the owner's visitor").to.equal(true);
    }
    for (const tag of this.model.tags) {
      if (tag.conflict && tag.element.isConnected)
        expect(tag.element.state, `#${tag.index} is refused`).to.equal('error');
    }
  }
}
