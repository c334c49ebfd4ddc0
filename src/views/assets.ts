// The hashed browser files a page may reference, as built by src/http/assets/build-assets.ts.

export interface IslandAssets {
  /** The island's entry module, e.g. /assets/copy-button-4KJ2X.js */
  script: string;
  /** Chunks the entry imports (Preact, shared components): `<link rel="modulepreload">`. */
  preload: string[];
  /** CSS the island's modules import (e.g. uPlot's stylesheet). */
  styles: string[];
}

export interface AssetManifest {
  /** The site stylesheet (src/styles/app.css). */
  stylesheet: string;
  /** By island name: the file name of its entry in src/islands/ without extension. */
  islands: Record<string, IslandAssets>;
}
