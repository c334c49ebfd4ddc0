// The server's JavaScript heap grows to at most twice its live size between full collections.
//
// Under load most of a request's objects live only until its write commits, but many survive
// two young-generation collections and are promoted; V8 then lets the old generation grow to up
// to 4× the live heap before collecting it (its dynamic growing factor for fast allocators). In
// the forecasting benchmark that was ≈ 300 MiB of RSS for ≈ 90 MiB live. A fixed factor of 2
// kept it near 225 MiB with no measurable change in CPU (1.5: 200 MiB, but ≈ 6–10 % more server
// CPU in more frequent full collections; docs/PERFORMANCE.md). An operator's own
// `--heap-growing-percent` (NODE_OPTIONS) wins. The young generation's size is the other half of
// the tuning, but V8 reads `--max-semi-space-size` only when the process starts, so it is on the
// command line of `npm start` and the Docker image instead (docs/operations.md).
import v8 from 'node:v8';

const HEAP_GROWING_PERCENT = 100;

export function limitHeapGrowth(): void {
  const given = `${process.env.NODE_OPTIONS ?? ''} ${process.execArgv.join(' ')}`;
  if (given.includes('heap-growing-percent')) return;
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
