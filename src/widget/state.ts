/**
 * The state a page reads from the element (`state`, `opened`, `tags`, …) and how each
 * SDK callback changes it: a pure reducer, so a new callback that carries state is one
 * case here plus its row in `WIDGET_CALLBACKS` (events.ts).
 */
import type { ConversationStatus, WidgetCallbackName } from '../events.js';

/** `idle` until started, `loading` the script, `ready` once init ran, `error` on failure. */
export type WidgetPhase = 'idle' | 'loading' | 'ready' | 'error';

/** What a page may read or style around. */
export interface WidgetState {
  readonly phase: WidgetPhase;
  readonly opened: boolean;
  readonly conversationStatus: ConversationStatus | undefined;
  readonly tags: readonly string[];
  /** Messages received while the window was closed; reset when it opens. */
  readonly unreadCount: number;
}

export const INITIAL_STATE: WidgetState = Object.freeze({
  phase: 'idle',
  opened: false,
  conversationStatus: undefined,
  tags: Object.freeze([]),
  unreadCount: 0,
});

/** How each callback changes the state the element exposes. */
export function nextState(
  state: WidgetState,
  callback: WidgetCallbackName,
  detail: Record<string, unknown>,
): WidgetState {
  switch (callback) {
    case 'onOpen':
      return { ...state, opened: true, unreadCount: 0 };
    case 'onClose':
      return { ...state, opened: false };
    case 'onMessageReceived':
      return state.opened ? state : { ...state, unreadCount: state.unreadCount + 1 };
    case 'onTagsChanged':
      return { ...state, tags: detail.tags as readonly string[] };
    case 'onConversationStatusChanged':
      return { ...state, conversationStatus: detail.status as ConversationStatus };
    default:
      return state;
  }
}
