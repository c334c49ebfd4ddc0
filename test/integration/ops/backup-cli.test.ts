// `brier backup` / `restore` / `export` / `import` as an operator runs them: real processes on
// embedded PGlite data directories. The demo site is backed up, restored into a new data
// directory, and both export the very same rows; the commands refuse to overwrite a file or to
// load into a database that has rows. (Embedded directories only: the postgres project runs the
// same dump code in database-dump.test.ts.)
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliProcess } from '../../helpers/run-cli-process.ts';
import { testBackend } from '../../helpers/test-db.ts';

const SLOW = 180_000;
let folder: string;

function brier(args: string[], dataDir: string) {
  return runCliProcess(args, '', SLOW, {
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    ARGON2_MEMORY_KIB: '1024',
    ARGON2_TIME_COST: '1',
  });
}

/** Rows only: the header's creation time differs between two exports. */
function rowsOf(text: string): string[] {
  return text.split('\n').slice(1);
}

describe.skipIf(testBackend() !== 'pglite')('backup and restore commands', () => {
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'brier-backup-'));
  });
  afterAll(() => rm(folder, { recursive: true, force: true }));

  it(
    'backs the demo up, restores it into a new data directory, and both export the same rows',
    async () => {
      const source = join(folder, 'source');
      const seeded = await brier(
        ['seed', '--demo', '--admin-password', 'demo-admin-pass-1'],
        source,
      );
      expect(seeded.code, seeded.stderr).toBe(0);

      const backupFile = join(folder, 'site.jsonl.gz');
      const backup = await brier(['backup', backupFile], source);
      expect(backup.code, backup.stderr).toBe(0);
      expect(backup.stderr).toMatch(/wrote \d+ rows of \d+ tables/);
      const again = await brier(['backup', backupFile], source);
      expect(again.code).toBe(2);
      expect(again.stderr).toContain('exists already');

      const restored = join(folder, 'restored');
      const restore = await brier(['restore', backupFile], restored);
      expect(restore.code, restore.stderr).toBe(0);

      const [fromSource, fromRestored] = await Promise.all([
        brier(['export'], source),
        brier(['export'], restored),
      ]);
      expect(fromSource.code, fromSource.stderr).toBe(0);
      expect(rowsOf(fromRestored.stdout)).toEqual(rowsOf(fromSource.stdout));
      const backupText = gunzipSync(await readFile(backupFile)).toString('utf8');
      expect(rowsOf(backupText)).toEqual(rowsOf(fromSource.stdout));
      expect(fromSource.stdout).toContain('{"table":"forecasts","row":');

      const bundle = await brier(['export', '--question', '1'], restored);
      expect(bundle.code, bundle.stderr).toBe(0);
      const parsed = JSON.parse(bundle.stdout);
      expect(parsed.question.id).toBe(1);
      expect(parsed.forecasts.length).toBeGreaterThan(0);

      const missing = await brier(
        ['import', join(folder, 'nothing-here.jsonl')],
        join(folder, 'x'),
      );
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('no such file');
    },
    SLOW * 3,
  );
});
