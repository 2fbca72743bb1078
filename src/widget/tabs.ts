/**
 * Same-origin tabs hear each other's logoffs. `closer.deinit()` logs the visitor off
 * in every same-origin tab (the SDK removes its widget there too), so the element in
 * another tab must leave `ready` as well; the SDK gives no signal for it, so the
 * element that called `deinit` says so on a BroadcastChannel.
 */
export interface TabChannel {
  /** Tells the other tabs: this visitor was logged off. */
  post(): void;
  close(): void;
}

const CHANNEL_NAME = 'closer-chat';

/** Listens for other tabs' logoffs; undefined where BroadcastChannel is missing. */
export function tabChannel(onLoggedOff: () => void): TabChannel | undefined {
  if (typeof BroadcastChannel !== 'function') return undefined;
  const channel = new BroadcastChannel(CHANNEL_NAME);
  channel.onmessage = (event: MessageEvent<{ type?: string }>) => {
    if (event.data?.type === 'logoff') onLoggedOff();
  };
  return {
    post: () => channel.postMessage({ type: 'logoff' }),
    close: () => channel.close(),
  };
}
