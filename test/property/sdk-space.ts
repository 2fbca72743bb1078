/**
 * The widget SDK's space of unknowns, as the development widget defines it
 * (`closerSimulator.space`, dev/simulator/README.md): read from the simulator itself, so
 * the property test varies exactly what the simulator can play. A point is one value per
 * dimension, passed to the simulator on its script URL.
 */
import fc from 'fast-check';

export type SdkPoint = Readonly<Record<string, string>>;

/** Dimension → its values, the default first. */
type Dimensions = Readonly<Record<string, readonly string[]>>;

export interface SdkSpace {
  readonly dimensions: Dimensions;
  /** Any point; the dimensions the SDK rarely differs in are still hit in every run of the CI seed. */
  arbitrary(): fc.Arbitrary<SdkPoint>;
  /** One label per dimension, for fast-check's statistics. */
  labels(point: SdkPoint): string[];
  /** Which values have been played so far. */
  coverage(): { add(point: SdkPoint): void; missing(): string[] };
}

const SIMULATOR = '/dev/simulator/widget.js';

/** Loads the simulator in a throwaway frame and reads its space. */
export async function loadSdkSpace(): Promise<SdkSpace> {
  const frame = document.createElement('iframe');
  frame.srcdoc = `<script src="${new URL(SIMULATOR, location.href).href}"></script>`;
  document.body.append(frame);
  try {
    for (let waited = 0; waited < 5_000; waited += 10) {
      const space = (frame.contentWindow as { closerSimulator?: { space?: unknown } } | null)?.closerSimulator?.space;
      if (space) return sdkSpace(dimensionsOf(space));
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`${SIMULATOR} exposes no closerSimulator.space`);
  } finally {
    frame.remove();
  }
}

/** The simulator's `[{ name, values, default }]` → name → values, the default first. */
function dimensionsOf(space: unknown): Dimensions {
  const dimensions: Record<string, readonly string[]> = {};
  for (const { name, values, default: fallback } of space as { name: string; values: string[]; default: string }[]) {
    dimensions[name] = [fallback, ...values.filter((value) => value !== fallback)];
  }
  return dimensions;
}

function sdkSpace(dimensions: Dimensions): SdkSpace {
  return {
    dimensions,
    arbitrary: () =>
      fc.record(
        Object.fromEntries(
          Object.entries(dimensions).map(([name, values]) => [
            name,
            // The default as often as all the others together: the usual widget, and every variation of it.
            fc.oneof({ weight: values.length - 1 || 1, arbitrary: fc.constant(values[0]) }, fc.constantFrom(...values)),
          ]),
        ),
      ),
    labels: (point) => Object.entries(point).map(([name, value]) => `${name}=${value}`),
    coverage: () => {
      const hit = new Set<string>();
      return {
        add: (point) => Object.entries(point).forEach(([name, value]) => hit.add(`${name}=${value}`)),
        missing: () =>
          Object.entries(dimensions).flatMap(([name, values]) =>
            values.map((value) => `${name}=${value}`).filter((label) => !hit.has(label)),
          ),
      };
    },
  };
}

/** The simulator's URL for `point`, with the test server's `delay` and a cache-busting case number. */
export function sdkPointUrl(point: SdkPoint, extra: Readonly<Record<string, string | number>>): string {
  const query = new URLSearchParams(Object.entries({ ...point, ...extra }).map(([key, value]) => [key, String(value)]));
  return `${SIMULATOR}?${query}`;
}
