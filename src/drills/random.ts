/** Numbers in [0, 1) that repeat exactly for the same seed, so a quiz can be rebuilt from the seed the store keeps. */
export type Random = () => number;

/** mulberry32: a tiny 32-bit generator, plenty for shuffling a handful of options and the same on every machine. */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * A generator for one purpose under a seed. Each question draws from a stream keyed by its own id, so
 * editing one entry of the course leaves every other question's options exactly as they were.
 */
export function randomFor(seed: number, key: string): Random {
  return mulberry32(fnv1a(key, seed));
}

/** A shuffled copy (Fisher–Yates); the input is left alone. */
export function shuffled<T>(items: readonly T[], random: Random): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    // Both indices lie inside the array, so neither element is missing.
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

function fnv1a(text: string, seed: number): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
