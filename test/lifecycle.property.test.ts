// Property-based lifecycle test: arbitrary points of the widget SDK's space (every way
// the real widget.js may differ, as the development widget plays them: docs/widget-sdk.md)
// × arbitrary sequences of what pages, frameworks, visitors and the widget do. After every
// action the always-invariants hold; at every `settle` the widget runs iff a connected
// owner with a valid, consented config wants it, for exactly that owner's visitor
// (test/property/case-page.ts, test/property/page-model.ts).
//
// A failure is shrunk by fast-check to a minimal case and printed with its seed and path:
// replay it with `npm run fuzz -- --seed S --path P`. CI runs a fixed seed, 100 cases of up
// to 110 steps (at least 5,000 steps) in each engine, WebKit included: each engine runs
// its share (stepsFor in test/engine.ts), all of it today, as WebKit plays the 100 cases
// in about two minutes like the others. `npm run fuzz -- --runs N` runs longer
// (scripts/fuzz.js).
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { ERRORS } from '../src/index.js';
import { CasePage } from './property/case-page.js';
import {
  CALLBACKS,
  CONSENTS,
  GRACES,
  INVALID,
  KEYS,
  METHODS,
  ORGS,
  STRATEGIES,
  describeAction,
  type Action,
  type Attribute,
  type TagAttributes,
} from './property/page-model.js';
import { propertyConfig } from './property/config.js';
import { loadSdkSpace, sdkPointUrl, type SdkPoint, type SdkSpace } from './property/sdk-space.js';

const config = await propertyConfig();
const space: SdkSpace = await loadSdkSpace();

const tagIndex = fc.nat({ max: 7 });
const attributes: fc.Arbitrary<TagAttributes> = fc.record({
  'org-id': fc.oneof(
    { weight: 9, arbitrary: fc.constantFrom(...ORGS) },
    { weight: 1, arbitrary: fc.constant(INVALID['org-id']) },
  ),
  'api-key': fc.constantFrom(...KEYS),
  loading: fc.constantFrom(...STRATEGIES),
  consent: fc.oneof(
    { weight: 3, arbitrary: fc.constant(undefined) },
    { weight: 2, arbitrary: fc.constantFrom(...CONSENTS) },
  ),
  'grace-period': fc.constantFrom(...GRACES),
});

/** A value for an attribute: mostly valid, sometimes a mistake, sometimes removed. */
const attributeChange: fc.Arbitrary<{ name: Attribute; value: string | null }> = fc.oneof(
  fc.record({
    name: fc.constant<Attribute>('org-id'),
    value: fc.constantFrom<string | null>(...ORGS, INVALID['org-id']),
  }),
  fc.record({
    name: fc.constant<Attribute>('api-key'),
    value: fc.constantFrom<string | null>(...KEYS.map((key) => key ?? null), INVALID['api-key']),
  }),
  fc.record({
    name: fc.constant<Attribute>('loading'),
    value: fc.constantFrom<string | null>(...STRATEGIES, INVALID.loading),
  }),
  fc.record({
    name: fc.constant<Attribute>('consent'),
    value: fc.constantFrom<string | null>(null, 'granted', 'pending', 'denied', 'granted', INVALID.consent),
  }),
  fc.record({
    name: fc.constant<Attribute>('grace-period'),
    value: fc.constantFrom<string | null>(...GRACES, INVALID['grace-period']),
  }),
  fc.record({
    name: fc.constant<Attribute>('show-button'),
    value: fc.constantFrom<string | null>('true', 'false', null),
  }),
);

const action: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant('create' as const),
      attributes,
      where: fc.constantFrom(0 as const, 1 as const, 'detached' as const),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('connect' as const),
      tag: tagIndex,
      where: fc.constantFrom(0 as const, 1 as const),
    }),
  },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('move' as const), tag: tagIndex }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('remove' as const), tag: tagIndex }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('replace' as const), tag: tagIndex, attributes }) },
  {
    weight: 10,
    arbitrary: fc
      .record({ kind: fc.constant('attribute' as const), tag: tagIndex })
      .chain((base) => attributeChange.map((change) => ({ ...base, ...change }))),
  },
  {
    weight: 10,
    arbitrary: fc.record({ kind: fc.constant('call' as const), tag: tagIndex, method: fc.constantFrom(...METHODS) }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('calls' as const),
      tag: tagIndex,
      methods: fc.tuple(fc.constantFrom(...METHODS), fc.constantFrom(...METHODS)),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('click' as const), tag: tagIndex }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('callback' as const), name: fc.constantFrom(...CALLBACKS) }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'other-tab-logoff' as const }) },
  {
    weight: 14,
    arbitrary: fc.record({
      kind: fc.constant('gap' as const),
      gap: fc.constantFrom('microtask' as const, 'task' as const, 'frame' as const, 'timer' as const),
      ms: fc.constantFrom(0, 5, 20, 60),
    }),
  },
  { weight: 3, arbitrary: fc.constant({ kind: 'settle' as const }) },
);

/** One case: a point of the SDK space, how slowly its script arrives, and what happens on the page. */
const pageCase = fc.record({
  point: space.arbitrary(),
  scriptDelay: fc.constantFrom(0, 0, 40, 150),
  // Lengths spread over the whole range (size "max"), down to one step when shrinking.
  actions: fc.array(action, { maxLength: config.maxSteps, size: 'max' }),
});

const ERROR_CODES = Object.keys(ERRORS);
let caseCount = 0;

/** The last steps of the first failing run, with the page after each. */
let lastTrace: string[] | undefined;

async function playCase(point: SdkPoint, scriptDelay: number, actions: readonly Action[]): Promise<void> {
  const trace: string[] = [];
  const src = sdkPointUrl(point, { delay: scriptDelay, case: ++caseCount });
  const page = await CasePage.open(src, ERROR_CODES, point.init !== 'throws');
  try {
    for (const [index, step] of actions.entries()) {
      const before = page.callCount();
      try {
        await page.play(step);
        trace.push(`${index + 1}. ${page.log.at(-1)}\n${page.snapshot()}`);
        if (config.trace) console.log(trace.at(-1));
        page.checkAlways(before);
      } catch (error) {
        // The failing run's last steps as they happened (a replay may time them otherwise).
        lastTrace = [`SDK point ${JSON.stringify(point)}, script delay ${scriptDelay} ms`, ...trace];
        throw new Error(`step ${index + 1} (${page.log.at(-1)}): ${(error as Error).message}`, { cause: error });
      }
    }
    const before = page.callCount();
    try {
      await page.settle();
      page.checkAlways(before);
    } catch (error) {
      lastTrace = [`SDK point ${JSON.stringify(point)}, script delay ${scriptDelay} ms`, ...trace];
      throw error;
    }
  } finally {
    page.close();
  }
}

describe('<closer-chat> on every widget.js the docs allow, under every order of events', function () {
  this.timeout(config.timeoutMs);

  it(`${config.runs} cases of up to ${config.maxSteps} steps keep every invariant (seed ${config.seed})`, async () => {
    const coverage = space.coverage();
    let firstTrace: string[] | undefined;
    let played = 0;
    let steps = 0;
    const property = fc.asyncProperty(pageCase, async ({ point, scriptDelay, actions }) => {
      // The generated cases (shrinking re-runs come after them) make the run's figures.
      if (played++ < config.runs) {
        coverage.add(point);
        steps += actions.length;
      }
      try {
        await playCase(point, scriptDelay, actions);
      } catch (error) {
        firstTrace ??= lastTrace;
        throw error;
      }
    });
    const started = performance.now();
    const result = await fc.check(property, {
      seed: config.seed,
      numRuns: config.runs,
      // Shrinking a slow counterexample stops in time to report what it has.
      interruptAfterTimeLimit: config.timeoutMs - 60_000,
      markInterruptAsFailure: true,
      ...(config.path !== undefined && { path: config.path, endOnFailure: true }),
    });
    // fast-check's statistics for the same seed: how often each value of each dimension came up.
    fc.statistics(pageCase, (value) => space.labels(value.point), { seed: config.seed, numRuns: config.runs });
    console.log(
      `property test: ${Math.min(played, config.runs)} cases, ${steps} steps, ${result.numShrinks} shrinks, ` +
        `${Math.round((performance.now() - started) / 1000)} s (${Math.round(CasePage.settleMs / 1000)} s of it settling)`,
    );
    console.log('settles that waited, by what they waited for:', JSON.stringify([...CasePage.slowSettles], null, 1));
    if (result.failed && result.interrupted && !result.counterexample) {
      throw new Error(
        `interrupted by its time limit (${Math.round(config.timeoutMs / 60_000) - 1} min) after ${Math.min(played, config.runs)} ` +
          `of ${config.runs} cases, ${steps} steps, with no failure: the machine is slower than the limit allows`,
      );
    }
    if (result.failed) {
      if (firstTrace) console.log(`The first failing run, its last steps:\n${firstTrace.join('\n')}`);
      const steps = result.counterexample?.[0].actions.map((step, index) => `  ${index + 1}. ${describeAction(step)}`);
      throw new Error(
        [
          `${String(result.errorInstance)}`,
          `minimal case (seed ${result.seed}, path ${result.counterexamplePath}), SDK point:`,
          `  ${JSON.stringify(result.counterexample?.[0].point)}, script delay ${result.counterexample?.[0].scriptDelay} ms`,
          ...(steps ?? []),
          `Replay: npm run fuzz -- --seed ${result.seed} --path ${result.counterexamplePath}`,
        ].join('\n'),
      );
    }
    expect(steps, 'steps in all').to.be.at.least(config.minTotalSteps);
    if (config.ci) expect(coverage.missing(), 'every value of every dimension was played').to.deep.equal([]);
  });
});
