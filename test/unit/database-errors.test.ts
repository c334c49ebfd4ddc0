import { describe, expect, it } from 'vitest';
import { isDatabaseDiskFullError, isDatabaseUnavailableError } from '../../src/db/database.ts';
import { durableStartParams } from '../../src/db/pglite-durable-fs.ts';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('isDatabaseDiskFullError', () => {
  it('recognises PostgreSQL disk_full and ENOSPC, and nothing else', () => {
    expect(isDatabaseDiskFullError(withCode('could not extend file', '53100'))).toBe(true);
    expect(isDatabaseDiskFullError(withCode('write failed', 'ENOSPC'))).toBe(true);
    expect(
      isDatabaseDiskFullError(
        new Error('could not write to file "pg_wal/x": No space left on device'),
      ),
    ).toBe(true);
    expect(isDatabaseDiskFullError(withCode('duplicate key', '23505'))).toBe(false);
    expect(isDatabaseDiskFullError('No space left on device')).toBe(false);
    // A full disk is not an unreachable database (that one is logged as a warning only).
    expect(isDatabaseUnavailableError(withCode('could not extend file', '53100'))).toBe(false);
  });
});

describe('durableStartParams', () => {
  it("turns PGlite's fsync back on and picks the sync method that reaches the file layer", () => {
    const params = durableStartParams({ shared_buffers: '16MB' });
    expect(params).not.toContain('-F');
    expect(params.join(' ')).toContain('-c wal_sync_method=fsync');
    expect(params.join(' ')).toContain('-c shared_buffers=16MB');
    expect(params).toContain('--single');
  });
});
