/**
 * Seeded pseudo-random numbers for everything random in core (shuffles, splits, augmentation, initialisers),
 * so every trial is repeatable from its seed. mulberry32: 32-bit state, fast, good enough for ML shuffling
 * (not for cryptography).
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n); n must be a positive integer. */
  int(n: number): number;
  /** In-place Fisher–Yates shuffle; returns the same array. */
  shuffle<T>(array: T[]): T[];
  /** Standard normal N(0, 1) (Box–Muller). */
  normal(): number;
}

export function createRng(seed: number): Rng {
  // Fold any finite number (negative, fractional, > 2^32) into a 32-bit state.
  let state = hashNumber(seed) >>> 0;
  let spareNormal: number | null = null;

  const next = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };

  const int = (n: number): number => {
    if (!Number.isInteger(n) || n <= 0) throw new RangeError(`rng.int needs a positive integer, got ${n}`);
    return Math.floor(next() * n);
  };

  const shuffle = <T>(array: T[]): T[] => {
    for (let i = array.length - 1; i > 0; i--) {
      const j = int(i + 1);
      const tmp = array[i];
      array[i] = array[j];
      array[j] = tmp;
    }
    return array;
  };

  const normal = (): number => {
    if (spareNormal !== null) {
      const v = spareNormal;
      spareNormal = null;
      return v;
    }
    // 1 - next() is in (0, 1], so the log is finite.
    const u1 = 1 - next();
    const u2 = next();
    const r = Math.sqrt(-2 * Math.log(u1));
    spareNormal = r * Math.sin(2 * Math.PI * u2);
    return r * Math.cos(2 * Math.PI * u2);
  };

  return { next, int, shuffle, normal };
}

/**
 * A seed for an independent stream derived from a parent seed and salts, e.g.
 * `deriveSeed(seed, 'augment', epoch)`, so adding draws to one stream never shifts another.
 * Returns an unsigned 32-bit integer.
 */
export function deriveSeed(seed: number, ...salt: (number | string)[]): number {
  let h = hashNumber(seed);
  for (const s of salt) {
    h = mix(h ^ (typeof s === 'number' ? hashNumber(s) : hashString(s)));
    // Separator so ('ab') and ('a', 'b') differ.
    h = mix(h + 0x9e3779b9);
  }
  return h >>> 0;
}

/** murmur3 finaliser: a good 32-bit avalanche. */
function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

function hashNumber(x: number): number {
  if (Number.isInteger(x) && Math.abs(x) < 2 ** 32) return mix(x | 0) ^ mix((x / 2 ** 32) | 0);
  return hashString(String(x));
}

function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return mix(h);
}
