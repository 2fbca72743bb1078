/**
 * Shared by the browser tests: the development widget's recorder, ids, and a reset
 * that returns the document to "no widget, no script" between tests (the tests of
 * one file share a document, as pages do).
 */
import { fixtureCleanup } from '@open-wc/testing';
import '../src/index.js';
import type { CloserChat } from '../src/index.js';

export const SIMULATOR_URL = '/dev/simulator/widget.js';
export const ORG_ID = '4f1c2d3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
export const OTHER_ORG_ID = '0b5e8c1a-2f3d-4e6a-9b7c-1d2e3f4a5b6c';
export const API_KEY = '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a';
export const OTHER_API_KEY = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';

export interface RecordedCall {
  method: 'init' | 'deinit' | 'identify' | 'openWidget';
  args: any[];
}

/** One dimension of the space of widget SDKs (dev/simulator/README.md, "The space of SDKs"). */
export interface SdkDimension {
  name: string;
  values: readonly string[];
  default: string;
}

/** The development widget's test hooks (dev/simulator/widget.js, README.md "Test hooks"). */
export interface Simulator {
  calls: RecordedCall[];
  /** Every callback the SDK invoked, in order. */
  callbacks: { name: string; session: number; args: unknown[]; inInit: boolean; afterDeinit: boolean }[];
  executions: number;
  /** The dimensions of the space (the single source), and the normalised point played. */
  space: readonly SdkDimension[];
  point: Readonly<Record<string, string>>;
  timing: { installMs: number; deinitMs: number };
  initialized: boolean;
  /** Live sessions (2 or more only under reinit=second) and panels on the page. */
  sessions: number;
  panels: number;
  /** The newest session's init options. */
  options: Record<string, any> | null;
  identity: Record<string, any> | null;
  teardownPending: boolean;
  unloaded: boolean;
  /** Another tab logged this visitor off, as this SDK perceives it (`tabs`); resolves once handled. */
  remoteLogoff(): Promise<void>;
  isOpen: boolean;
  fire(callback: string, ...args: unknown[]): void;
  open(): void;
  close(): void;
  receiveMessage(text: string): void;
  sendMessage(text: string): void;
  reset(): void;
  /** The `mode` alias given (`sync` when none). */
  mode: string;
  installed: boolean;
  installedAfterLoad: boolean;
  /** Logoffs heard from another same-origin document's deinit. */
  remoteLogoffs: number;
  drawn: boolean;
  whenDrawn(): Promise<void>;
}

declare global {
  interface Window {
    closerSimulator?: Simulator;
  }
}

export { ENGINE, itExcept, stepsFor, type Engine } from './engine.js';

export function simulator(): Simulator {
  if (!window.closerSimulator) throw new Error('the development widget has not run');
  return window.closerSimulator;
}

/**
 * The development widget answering `ms` late ("still loading"), at a URL of its own:
 * a URL loaded before would come from the browser's cache, at once.
 */
let slowWidgets = 0;
export const slowWidgetUrl = (ms = 300): string => `${SIMULATOR_URL}?delay=${ms}&fresh=${++slowWidgets}`;

export const callsOf = (method: RecordedCall['method']): RecordedCall[] =>
  window.closerSimulator?.calls.filter((call) => call.method === method) ?? [];

export const widgetScripts = (): HTMLScriptElement[] =>
  Array.from(document.scripts).filter((script) => script.src.includes(SIMULATOR_URL));

/**
 * Past the end of the current task: what the lifecycle rules wait for. The widget
 * settles in a `setTimeout(0)` that may be set a moment later (in the microtask of a
 * Lit update) and clamped to 4 ms when timers nest. Two 5 ms hops: the second timer is
 * set after the first has fired, by when any such timer set before it has run too.
 */
export const nextTask = async (): Promise<void> => {
  for (let hop = 0; hop < 2; hop++) await new Promise((resolve) => setTimeout(resolve, 5));
};

/** Waits until `check` holds, polling every 10 ms; fails naming `what` after `ms`. */
export async function until(what: string, check: () => boolean, ms = 3000): Promise<void> {
  const end = performance.now() + ms;
  while (!check()) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Scripts whose load or error event has fired (events seen while capturing). */
const settledScripts = new WeakSet<EventTarget>();
for (const type of ['load', 'error']) {
  document.addEventListener(type, (event) => event.target && settledScripts.add(event.target), true);
}

/** Resolves when the widget script tag has fired load or error. */
export function scriptSettled(script: HTMLScriptElement | undefined = widgetScripts()[0]): Promise<void> {
  if (!script) return Promise.reject(new Error('no widget script on the page'));
  if (settledScripts.has(script)) return Promise.resolve();
  return new Promise((resolve) => {
    script.addEventListener('load', () => resolve(), { once: true });
    script.addEventListener('error', () => resolve(), { once: true });
  });
}

/** Removes every element and fixture page, lets the widget tear down, then wipes the SDK and its script. */
export async function resetPage(): Promise<void> {
  document.querySelectorAll('closer-chat, iframe').forEach((element) => element.remove());
  fixtureCleanup();
  await Promise.all(widgetScripts().map((script) => scriptSettled(script)));
  await nextTask();
  await nextTask();
  window.closerSimulator?.reset();
  delete window.closer;
  widgetScripts().forEach((script) => script.remove());
  localStorage.clear();
}

/**
 * Creates `<closer-chat>` from HTML attributes and puts it in the document. Unless a
 * test says otherwise, with `grace-period="0"`: removal tears down at the end of the
 * task (the grace period has tests of its own).
 */
export function mount(attributes: Record<string, string>, parent: ParentNode = document.body): CloserChat {
  const element = document.createElement('closer-chat');
  if (!('grace-period' in attributes)) element.setAttribute('grace-period', '0');
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  parent.append(element);
  return element;
}

/** The common case: the development widget, loaded at connect. */
export const eagerAttributes = (extra: Record<string, string> = {}): Record<string, string> => ({
  'org-id': ORG_ID,
  src: SIMULATOR_URL,
  loading: 'eager',
  'grace-period': '0',
  ...extra,
});

/** Mounts an eager element and waits until the widget is initialised. */
export async function mountReady(extra: Record<string, string> = {}): Promise<CloserChat> {
  const element = mount(eagerAttributes(extra));
  await element.load();
  return element;
}

/** The next `name` event dispatched on `target`. */
export function nextEvent<K extends keyof HTMLElementEventMap>(
  target: EventTarget,
  name: K,
): Promise<HTMLElementEventMap[K]> {
  return new Promise((resolve) =>
    target.addEventListener(name, (event) => resolve(event as HTMLElementEventMap[K]), { once: true }),
  );
}

/** Records every `name` event on `target` until the test reads it. */
export function collect<K extends keyof HTMLElementEventMap>(target: EventTarget, name: K): HTMLElementEventMap[K][] {
  const events: HTMLElementEventMap[K][] = [];
  target.addEventListener(name, (event) => events.push(event as HTMLElementEventMap[K]));
  return events;
}

/** Captures console.error lines while `run` runs. */
export async function consoleErrors(run: () => unknown): Promise<string[]> {
  const lines: string[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => lines.push(args.map(String).join(' '));
  try {
    await run();
  } finally {
    console.error = original;
  }
  return lines;
}

/**
 * A whole page of its own in an iframe (a fixture under test/fixtures/), for what one
 * shared test document cannot give: its own load event, storage, policy. Resolves once
 * the page's `<closer-chat>` is upgraded (its module has run).
 */
export async function openFramePage<W extends Window = Window & Record<string, any>>(
  url: string,
  withinMs = 4000,
): Promise<{ frame: HTMLIFrameElement; win: W; chat: CloserChat }> {
  const frame = document.createElement('iframe');
  frame.src = url;
  document.body.append(frame);
  const end = performance.now() + withinMs;
  for (;;) {
    const win = frame.contentWindow as W | null;
    const chat = win?.document.querySelector('closer-chat') as CloserChat | null;
    if (win && chat && win.customElements.get('closer-chat')) return { frame, win, chat };
    if (performance.now() > end) {
      const errors = (win as { moduleErrors?: string[] } | null)?.moduleErrors ?? [];
      throw new Error(`${url}: <closer-chat> was never defined there${errors.length ? ` (${errors.join('; ')})` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Ready now or later: a page on its own may have got there before the test looked. */
export const whenReady = (chat: CloserChat): Promise<unknown> =>
  chat.state === 'ready' ? Promise.resolve() : nextEvent(chat, 'closer-ready');
