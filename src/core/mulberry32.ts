// Seeded pseudo-random numbers (mulberry32): reproducible synthetic data for the demo content and
// the benchmarks. Deterministic for a given seed, so it breaks none of core's purity rules.

/** A seeded source of uniform and Gaussian numbers (mulberry32, 32-bit state). */
export class Mulberry32 {
  private state: number;
  /** Second Box–Muller variate, kept for the next `gaussian()` call. */
  private spareGaussian: number | null = null;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform integer in [0, limit). */
  integer(limit: number): number {
    return Math.floor(this.next() * limit);
  }

  /** Standard normal variate (Box–Muller). */
  gaussian(): number {
    if (this.spareGaussian !== null) {
      const spare = this.spareGaussian;
      this.spareGaussian = null;
      return spare;
    }
    const radius = Math.sqrt(-2 * Math.log(1 - this.next()));
    const angle = 2 * Math.PI * this.next();
    this.spareGaussian = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  }
}
