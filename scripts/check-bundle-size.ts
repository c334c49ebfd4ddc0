// `npm run check:bundle-size` (part of `npm run check` and .ci/run): builds the browser assets
// and fails when the question page's JavaScript exceeds its budget, 60 KB gzipped
// (docs/architecture.md §8): the entries of the islands the page declares
// (QUESTION_PAGE_ISLANDS) and every chunk they import (islands load no code lazily).
import { readFileSync, rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildAssets } from '../src/http/assets/build-assets.ts';
import type { AssetManifest } from '../src/views/assets.ts';
import { QUESTION_PAGE_ISLANDS } from '../src/views/pages/question-page.tsx';

const QUESTION_PAGE_BUDGET_BYTES = 60 * 1024;

/** Gzipped bytes of the scripts `islands` load: entries plus every chunk they import, once. */
function gzippedJavaScript(manifest: AssetManifest, islands: string[], dir: string): number {
  const files = new Set<string>();
  for (const name of islands) {
    const assets = manifest.islands[name]!;
    files.add(assets.script);
    for (const chunk of assets.preload) files.add(chunk);
  }
  let total = 0;
  for (const url of files) {
    const path = join(dir, url.replace(/^\/assets\//, ''));
    total += gzipSync(readFileSync(path), { level: 9 }).length;
  }
  return total;
}

const dir = await mkdtemp(join(tmpdir(), 'brier-bundle-size-'));
try {
  const manifest = await buildAssets({ outdir: dir });
  const islands = QUESTION_PAGE_ISLANDS.map((island) => island.name);
  const bytes = gzippedJavaScript(manifest, islands, dir);
  const kilobytes = (bytes / 1024).toFixed(1);
  const line = `question page JavaScript: ${kilobytes} KB gzipped (budget ${QUESTION_PAGE_BUDGET_BYTES / 1024} KB; islands: ${islands.join(', ')})`;
  if (bytes > QUESTION_PAGE_BUDGET_BYTES) {
    process.stderr.write(`check-bundle-size: over budget: ${line}\n`);
    process.exitCode = 1;
  } else {
    process.stdout.write(`check-bundle-size: ${line}\n`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
