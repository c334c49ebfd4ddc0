// The benchmarks' seeded pseudo-random numbers: the one in src/core, shared with the demo content.
export { Mulberry32 } from '../../src/core/mulberry32.ts';
