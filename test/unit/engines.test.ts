// `npm ci` on the oldest Node that package.json's `engines` admits prints no EBADENGINE warning:
// every locked package must accept that version (pinned through `overrides` where a newer
// release dropped it; see docs/decisions.md "Node versions").
import { readFileSync } from 'node:fs';
import path from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { REPOSITORY_ROOT } from '../helpers/run-cli-process.ts';

interface LockedPackage {
  version?: string;
  engines?: { node?: string } | string[];
}

function readJson<T>(name: string): T {
  return JSON.parse(readFileSync(path.join(REPOSITORY_ROOT, name), 'utf8')) as T;
}

const manifest = readJson<{ engines: { node: string } }>('package.json');
const lock = readJson<{ packages: Record<string, LockedPackage> }>('package-lock.json');
const oldestNode = semver.minVersion(manifest.engines.node)!.version;

describe(`every locked package runs on Node ${oldestNode} (engines ${manifest.engines.node})`, () => {
  it('finds packages that declare engines', () => {
    const declaring = Object.values(lock.packages).filter(
      (entry) => !Array.isArray(entry.engines) && entry.engines?.node,
    );
    expect(declaring.length).toBeGreaterThan(20);
  });

  it('has no package whose engines exclude it', () => {
    const excluding = Object.entries(lock.packages)
      .filter(([, entry]) => {
        const range = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
        return range !== undefined && !semver.satisfies(oldestNode, range);
      })
      .map(([location, entry]) => `${location}@${entry.version}`);
    expect(excluding).toEqual([]);
  });
});
