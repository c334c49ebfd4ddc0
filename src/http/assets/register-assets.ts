// Serves the hashed browser assets under /assets/ with year-long immutable caching, and gives the
// pages their manifest. The production bundle (dist/) reads the manifest scripts/build.mjs wrote
// to dist/public/; running from sources (tsx: dev, tests) builds them once per process into
// node_modules/.cache/brier-assets/ (content-hashed names, so processes never clash).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { AssetManifest } from '../../views/assets.ts';
import type { App } from '../app-type.ts';
import { ASSETS_PREFIX } from './assets-prefix.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Hashed asset URLs for the pages. */
    assets: AssetManifest;
  }
}

const HERE = dirname(fileURLToPath(import.meta.url));

/** In the bundle, scripts/build.mjs put the assets in dist/public beside dist/brier.js. */
const BUNDLED_ASSETS_DIR = join(HERE, 'public');

function sourceAssetsDir(): string {
  return resolve(HERE, '..', '..', '..', 'node_modules', '.cache', 'brier-assets');
}

// One build per process: several apps in one test file share it (the sources do not change).
let sourceBuild: Promise<AssetManifest> | undefined;

async function loadManifest(): Promise<{ dir: string; manifest: AssetManifest }> {
  const bundledManifest = join(BUNDLED_ASSETS_DIR, 'manifest.json');
  if (existsSync(bundledManifest)) {
    const manifest = JSON.parse(readFileSync(bundledManifest, 'utf8')) as AssetManifest;
    return { dir: BUNDLED_ASSETS_DIR, manifest };
  }
  const dir = sourceAssetsDir();
  // Loaded only here: the production bundle never needs esbuild at run time.
  sourceBuild ??= import('./build-assets.ts').then(({ buildAssets }) =>
    buildAssets({ outdir: dir }),
  );
  return { dir, manifest: await sourceBuild };
}

export async function registerAssets(app: App): Promise<void> {
  const { dir, manifest } = await loadManifest();
  app.decorate('assets', manifest);
  await app.register(fastifyStatic, {
    root: dir,
    prefix: ASSETS_PREFIX,
    decorateReply: false,
    index: false,
    list: false,
    // Names carry a content hash: a changed file is a new URL.
    cacheControl: true,
    maxAge: '365d',
    immutable: true,
    // The manifest is for the server, not for browsers.
    allowedPath: (pathName) => !pathName.endsWith('manifest.json'),
    schemaHide: true,
  });
}
