// Bundles the browser assets with esbuild: one hashed ES module per island (src/islands/*.tsx,
// sharing chunks such as Preact), the CSS each island imports (e.g. uPlot's), and the site's
// stylesheet (src/styles/app.css). Returns the manifest the pages use to name hashed files.
// scripts/build.mjs calls it for `npm start`; under tsx the server calls it at start
// (register-assets.ts), so a fresh clone needs no separate build step for dev and tests.
import { existsSync, mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';
import type { AssetManifest, IslandAssets } from '../../views/assets.ts';
import { ASSETS_PREFIX } from './assets-prefix.ts';

const SOURCE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const ISLANDS_DIR = join(SOURCE_ROOT, 'islands');
const STYLESHEET = join(SOURCE_ROOT, 'styles', 'app.css');

/** Every file directly in src/islands/ is an island entry named after its file. */
export function islandEntryPoints(): string[] {
  return readdirSync(ISLANDS_DIR)
    .filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file))
    .map((file) => join(ISLANDS_DIR, file));
}

function publicPath(outdir: string, file: string): string {
  return ASSETS_PREFIX + relative(outdir, file).split('\\').join('/');
}

/** Maps esbuild's metafile (paths relative to the working directory) to our manifest. */
function manifestFrom(metafile: Metafile, workingDir: string, outdir: string): AssetManifest {
  const absolute = (path: string) => resolve(workingDir, path);
  const islands: Record<string, IslandAssets> = {};
  /** Chunks an output imports, directly or through other chunks, in load order. */
  const chunksOf = (output: string, seen = new Set<string>()): string[] => {
    for (const imported of metafile.outputs[output]?.imports ?? []) {
      if (imported.kind !== 'import-statement' || imported.external || seen.has(imported.path)) {
        continue;
      }
      seen.add(imported.path);
      chunksOf(imported.path, seen);
    }
    return [...seen];
  };
  let stylesheet = '';
  for (const [output, meta] of Object.entries(metafile.outputs)) {
    if (!meta.entryPoint) continue;
    const entry = absolute(meta.entryPoint);
    if (entry === STYLESHEET) {
      stylesheet = publicPath(outdir, absolute(output));
      continue;
    }
    const name = basename(entry).replace(/\.tsx?$/, '');
    islands[name] = {
      script: publicPath(outdir, absolute(output)),
      // Shared chunks the entry imports statically: preloaded so they download in parallel.
      preload: chunksOf(output).map((chunk) => publicPath(outdir, absolute(chunk))),
      styles: meta.cssBundle ? [publicPath(outdir, absolute(meta.cssBundle))] : [],
    };
  }
  if (!stylesheet) throw new Error('build-assets: the stylesheet produced no output');
  return { stylesheet, islands };
}

/**
 * Builds into `outdir` and writes `manifest.json` there. Files are content-hashed, so builds of
 * the same sources by several processes (parallel test files) write identical files: each is
 * written under a temporary name and renamed into place, which is atomic.
 */
export async function buildAssets(options: {
  outdir: string;
  minify?: boolean;
}): Promise<AssetManifest> {
  const outdir = resolve(options.outdir);
  const result = await build({
    absWorkingDir: SOURCE_ROOT,
    entryPoints: [...islandEntryPoints(), STYLESHEET],
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    minify: options.minify ?? true,
    entryNames: '[name]-[hash]',
    chunkNames: 'chunk-[hash]',
    assetNames: '[name]-[hash]',
    define: { 'process.env.NODE_ENV': '"production"' },
    legalComments: 'none',
    metafile: true,
    write: false,
    logLevel: 'silent',
  });
  mkdirSync(outdir, { recursive: true });
  for (const file of result.outputFiles) {
    if (existsSync(file.path)) continue;
    mkdirSync(dirname(file.path), { recursive: true });
    const temporary = `${file.path}.${process.pid}.tmp`;
    writeFileSync(temporary, file.contents);
    renameSync(temporary, file.path);
  }
  const manifest = manifestFrom(result.metafile, SOURCE_ROOT, outdir);
  const manifestTemporary = join(outdir, `manifest.json.${process.pid}.tmp`);
  writeFileSync(manifestTemporary, `${JSON.stringify(manifest, null, 2)}\n`);
  renameSync(manifestTemporary, join(outdir, 'manifest.json'));
  return manifest;
}
