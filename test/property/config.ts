import { stepsFor } from '../engine.js';

/**
 * How long the property test runs. CI: a fixed seed, and enough cases for at least 5,000
 * steps in all, in every engine (each runs its share, stepsFor in test/engine.ts: today
 * all of it, 100 cases, in Chromium, Firefox and WebKit alike). `npm run fuzz -- --runs N
 * --seed S --path P` (scripts/fuzz.js) overrides these through the test server
 * (web-test-runner.config.js serves them from the environment at /__property-config).
 */
export interface PropertyConfig {
  readonly seed: number;
  readonly runs: number;
  readonly maxSteps: number;
  /** The least number of steps the run must have played (CI's promise). */
  readonly minTotalSteps: number;
  /** CI's fixed run: also every value of every dimension of the SDK space must be played. */
  readonly ci: boolean;
  /** A counterexample's path, to replay just it. */
  readonly path?: string;
  /** Print the page after every step (with a replay). */
  readonly trace?: boolean;
  readonly timeoutMs: number;
}

const CI: PropertyConfig = {
  seed: 20261207,
  runs: 100,
  maxSteps: 110,
  minTotalSteps: 5_000,
  ci: true,
  // Firefox plays the 100 cases in about 250 s on a loaded machine (Chromium 90 s,
  // WebKit 120 s), and npm test runs two engines at a time.
  timeoutMs: 12 * 60_000,
};

export async function propertyConfig(): Promise<PropertyConfig> {
  const response = await fetch('/__property-config').catch(() => undefined);
  const overrides = response?.ok ? ((await response.json()) as Partial<PropertyConfig>) : {};
  const ci = overrides.runs === undefined && overrides.path === undefined;
  // CI's run is this engine's share of it; a run of its own (npm run fuzz) runs what it
  // asks for and is not held to CI's step count.
  const runs = overrides.runs ?? stepsFor(CI.runs);
  return {
    ...CI,
    ...overrides,
    runs,
    minTotalSteps: ci ? stepsFor(CI.minTotalSteps) : 0,
    ci,
    timeoutMs: Math.max(CI.timeoutMs, (runs / CI.runs) * CI.timeoutMs),
  };
}
