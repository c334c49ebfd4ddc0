// `npm run check:layers` (dependency-cruiser with .dependency-cruiser.cjs) fails on an import
// against docs/architecture.md §3 and names the rule, and passes on the real tree. The forbidden
// imports are written into a throwaway tree under the OS temp directory, never into src/.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { REPOSITORY_ROOT } from '../helpers/run-cli-process.ts';

const run = promisify(execFile);
const CONFIG = path.join(REPOSITORY_ROOT, '.dependency-cruiser.cjs');
const DEPCRUISE = path.join(
  REPOSITORY_ROOT,
  'node_modules/dependency-cruiser/bin/dependency-cruise.mjs',
);

interface CheckResult {
  exitCode: number;
  output: string;
}

async function checkLayers(cwd: string): Promise<CheckResult> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      [DEPCRUISE, 'src', '--config', CONFIG, '--output-type', 'err'],
      { cwd },
    );
    return { exitCode: 0, output: stdout + stderr };
  } catch (error) {
    const failure = error as { code?: number; stdout?: string; stderr?: string };
    return { exitCode: failure.code ?? -1, output: `${failure.stdout}${failure.stderr}` };
  }
}

const temporaryTrees: string[] = [];

/** A tree of `files` (path → source) in a fresh temp directory, laid out like the repository. */
function temporaryTree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'brier-layers-'));
  temporaryTrees.push(root);
  writeFileSync(path.join(root, 'tsconfig.json'), '{"compilerOptions":{"strict":true}}\n');
  symlinkSync(path.join(REPOSITORY_ROOT, 'node_modules'), path.join(root, 'node_modules'));
  for (const [file, source] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), source);
  }
  return root;
}

afterEach(() => {
  for (const root of temporaryTrees.splice(0)) rmSync(root, { recursive: true, force: true });
});

describe('npm run check:layers', () => {
  it('passes on the real tree', async () => {
    const result = await checkLayers(REPOSITORY_ROOT);
    expect(result.output).toContain('no dependency violations found');
    expect(result.exitCode).toBe(0);
  });

  it.each<{ rule: string; files: Record<string, string>; edge: string }>([
    {
      rule: 'core-imports-only-core',
      files: {
        'src/core/maths.ts': "import { open } from '../db/database.ts';\nexport const x = open;\n",
        'src/db/database.ts': 'export const open = 1;\n',
      },
      edge: 'src/core/maths.ts → src/db/database.ts',
    },
    {
      rule: 'core-no-node-builtins',
      files: {
        'src/core/clock.ts':
          "import { performance } from 'node:perf_hooks';\nexport const now = performance.now;\n",
      },
      edge: 'src/core/clock.ts → perf_hooks',
    },
    {
      rule: 'views-not-services',
      files: {
        'src/views/page.tsx':
          "import type { Model } from '../services/get-model.ts';\nexport type Props = Model;\n",
        'src/services/get-model.ts': 'export interface Model {\n  id: number;\n}\n',
      },
      edge: 'src/views/page.tsx → src/services/get-model.ts',
    },
    {
      rule: 'db-only-from-services',
      files: {
        'src/http/routes.ts':
          "import { find } from '../db/repositories/thing.ts';\nexport const f = find;\n",
        'src/db/repositories/thing.ts': 'export const find = 1;\n',
      },
      edge: 'src/http/routes.ts → src/db/repositories/thing.ts',
    },
    {
      rule: 'sql-only-in-db',
      files: {
        'src/services/run.ts': "import { sql } from 'kysely';\nexport const s = sql;\n",
      },
      edge: 'src/services/run.ts → ',
    },
    {
      rule: 'no-circular',
      files: {
        'src/http/app.ts':
          "import { routes } from './routes.ts';\nexport type App = { routes: typeof routes };\n",
        'src/http/routes.ts':
          "import type { App } from './app.ts';\nexport const routes = (app: App) => app;\n",
      },
      edge: 'src/http/app.ts',
    },
  ])('fails on $edge, naming $rule', async ({ rule, files, edge }) => {
    const result = await checkLayers(temporaryTree(files));
    expect(result.exitCode).not.toBe(0);
    const line = result.output.split('\n').find((text) => text.includes(`error ${rule}:`));
    expect(line, result.output).toBeDefined();
    expect(line).toContain(edge);
  });
});
