/**
 * The element's CSS custom states (`closer-chat:state(ready)` and friends), through
 * `ElementInternals`: which are on follows the widget's state and the element's own error.
 */
import type { CloserErrorDetail } from '../errors.js';
import type { WidgetState } from './state.js';

/** Every custom state the element sets. */
const CUSTOM_STATES = ['loading', 'ready', 'error', 'open', 'unread'] as const;

/** Which custom states are on: the phase (an error of the element's own wins), open, unread. */
function customStatesOn(state: WidgetState, ownError: CloserErrorDetail | undefined): string[] {
  const on: string[] = [];
  const phase = ownError ? 'error' : state.phase;
  if (phase !== 'idle') on.push(phase);
  if (state.opened) on.push('open');
  if (state.unreadCount > 0) on.push('unread');
  return on;
}

export class CustomStates {
  readonly #states: CustomStateSet | undefined;
  /** The states on now, comma-separated. */
  #on = '';

  /** `states`: the element's `ElementInternals.states` (a server-side DOM shim may have none). */
  constructor(states: CustomStateSet | undefined) {
    this.#states = states;
  }

  sync(state: WidgetState, ownError: CloserErrorDetail | undefined): void {
    const on = customStatesOn(state, ownError);
    // The browser's set is touched only when something changed: each call costs.
    const key = on.join();
    if (key === this.#on) return;
    this.#on = key;
    for (const name of CUSTOM_STATES) {
      if (on.includes(name)) this.#states?.add(name);
      else this.#states?.delete(name);
    }
  }
}
