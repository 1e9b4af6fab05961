/**
 * The corpus's one source of chance: a small seeded PRNG (mulberry32), so a seed gives the same
 * specs, the same gold and the same degradations on every machine. Never Math.random.
 */

export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** A float in [min, max). */
  float(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(list: readonly T[]): T {
    if (list.length === 0) throw new Error('pick from an empty list');
    return list[Math.floor(this.next() * list.length)];
  }

  /** A key of `weights`, with probability proportional to its weight. */
  weighted<K extends string>(weights: Partial<Record<K, number>>): K {
    const entries = Object.entries(weights) as [K, number][];
    const total = entries.reduce((a, [, w]) => a + Math.max(0, w), 0);
    if (total <= 0) throw new Error('weights sum to zero');
    let r = this.next() * total;
    for (const [k, w] of entries) {
      r -= Math.max(0, w);
      if (r < 0) return k;
    }
    return entries[entries.length - 1][0];
  }

  /** A shuffled copy (Fisher–Yates). */
  shuffle<T>(list: readonly T[]): T[] {
    const out = [...list];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }

  /** `n` distinct elements, in the list's own order. */
  sample<T>(list: readonly T[], n: number): T[] {
    const chosen = new Set(this.shuffle(list.map((_, i) => i)).slice(0, Math.min(n, list.length)));
    return list.filter((_, i) => chosen.has(i));
  }

  /** A child generator: the same parent seed and label always give the same child. */
  fork(label: string | number): Rng {
    return new Rng(mixSeed(this.state, label));
  }
}

/** A seed derived from a seed and a label: FNV-1a over the label, between two murmur3 finalisers. */
export function mixSeed(seed: number, label: string | number): number {
  let h = fmix32((0x811c9dc5 ^ fmix32(seed >>> 0)) >>> 0);
  for (const ch of String(label)) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return fmix32(h);
}

/** murmur3's 32-bit finaliser: every input bit flips about half the output bits. */
function fmix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
