// How this code is running: as TypeScript through the tsx loader (bin/brier.mjs: development,
// the CLI, tests) or as the esbuild bundle in dist/ (`npm start`, Docker, the API bench).
// scripts/build.mjs replaces the free identifier below with `true`; under tsx it stays
// undeclared, which `typeof` reads as 'undefined'. Only a few places care: files that are
// loaded by path (the worker thread's module) are named differently in the two layouts.
declare const __BRIER_BUNDLED__: boolean | undefined;

/** True in the esbuild bundle (dist/brier.js), false when tsx runs the sources. */
export const isBundled: boolean = typeof __BRIER_BUNDLED__ !== 'undefined' && __BRIER_BUNDLED__;
