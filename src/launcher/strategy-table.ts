/**
 * The loading strategies, one row each: whether it shows the facade launcher, and what
 * starts it on its own. A new strategy is its name in `LOADING_STRATEGIES`
 * (config/attributes.ts), one row here, its trigger in schedule.ts if it needs a new
 * one, and a line in `strategyForVisitor` (strategy.ts) if it depends on the visitor.
 */
import type { LoadingStrategy } from '../config/attributes.js';
import type { WidgetLease } from '../widget/lease.js';
import { whenPageIdle, whenVisitorActive } from './schedule.js';
import { isConstrainedConnection } from './strategy.js';

interface StrategyRow {
  /** Our launcher stands in for the widget's until a click (unless `show-button="false"`). */
  readonly facade_: boolean;
  /** Arms what starts the widget on its own; returns how to disarm it. */
  readonly trigger_: (start: () => void, lease: WidgetLease) => (() => void) | undefined;
}

export const STRATEGIES: Readonly<Record<LoadingStrategy, StrategyRow>> = {
  /** Fetch and start at once; reads no storage. */
  eager: {
    facade_: false,
    trigger_: (start) => void start(),
  },
  /**
   * Warm up the connection, start when the page is idle. On Save-Data or 2G, a visitor
   * who never engaged gets the facade instead: the heavy script is not fetched on its own there.
   */
  idle: {
    facade_: false,
    trigger_: (start, lease) => {
      lease.prepare_('connect');
      return whenPageIdle(start);
    },
  },
  /**
   * The facade until the visitor clicks; a visitor who engaged before loads like `idle`,
   * so their conversation comes back without a click. Once the visitor is active on the
   * page (a scroll, a touch), the script is cached, not run, so a tap only executes it:
   * nothing for a bounce or a bot, and nothing on Save-Data or 2G.
   */
  interaction: {
    facade_: true,
    trigger_: (_start, lease) =>
      isConstrainedConnection() ? undefined : whenVisitorActive(() => lease.prepare_('cache')),
  },
  /** Only `load()`, `open()` start it; reads no storage. */
  manual: {
    facade_: false,
    trigger_: () => undefined,
  },
};

/**
 * Whether a strategy shows the facade. Takes any string: a server reads the raw
 * attribute, unchecked (an unknown value draws nothing; the client reports it).
 */
export const strategyShowsFacade = (loading: string): boolean =>
  STRATEGIES[loading as LoadingStrategy]?.facade_ === true;
