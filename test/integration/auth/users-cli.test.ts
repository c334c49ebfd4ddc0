// `brier users create`, run as the real executable against a fresh database (a temp DATA_DIR on
// the pglite project, a new PostgreSQL database on the postgres project).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../../src/services/auth/password-hashing.ts';
import { brierEnv, runBrier } from '../../helpers/brier-process.ts';
import { createServerStorage, type ServerStorage } from '../../helpers/server-storage.ts';

let storage: ServerStorage;
beforeAll(async () => {
  storage = await createServerStorage();
});
afterAll(() => storage.cleanup());

function users(args: string[]) {
  return runBrier(['users', ...args], brierEnv(storage.env));
}

async function storedUser(username: string) {
  const database = await storage.open();
  try {
    return await database.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', username)
      .executeTakeFirst();
  } finally {
    await database.close();
  }
}

describe('brier users create', () => {
  it('creates an admin, migrating first, and prints the generated password', async () => {
    const result = await users([
      'create',
      '--role',
      'admin',
      '--email',
      'root@example.com',
      '--username',
      'root',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('"root"');
    const password = /^password: (\S+)$/m.exec(result.stdout)?.[1];
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);

    const row = await storedUser('root');
    expect(row).toMatchObject({ email: 'root@example.com', role: 'admin', is_banned: false });
    expect(row!.password_hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(row!.password_hash, password!)).toBe(true);
  });

  it('uses a given password and does not print it; refuses duplicates with exit 2', async () => {
    const created = await users([
      'create',
      '--email=ana@example.com',
      '--username=ana',
      '--password=an-explicit-password',
    ]);
    expect(created.code).toBe(0);
    expect(created.stdout).not.toContain('an-explicit-password');
    expect(created.stdout).not.toMatch(/^password:/m);
    const row = await storedUser('ana');
    expect(row?.role).toBe('reader');
    expect(await verifyPassword(row!.password_hash, 'an-explicit-password')).toBe(true);

    const duplicate = await users(['create', '--email', 'ANA@example.com', '--username', 'other']);
    expect(duplicate.code).toBe(2);
    expect(duplicate.stderr).toMatch(/^brier: email is already taken\n$/);
  });

  it('exits 2 with a one-line reason on bad arguments, without touching the database', async () => {
    for (const args of [
      ['create', '--username', 'x_user'],
      ['create', '--email', 'a@example.com', '--username', 'x_user', '--role', 'god'],
      ['create', '--email', 'a@example.com', '--username', 'x_user', '--nope'],
      ['delete'],
      [],
    ]) {
      const result = await users(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr.split('\n')[0]).toMatch(/^brier: /);
      expect(result.stdout).toBe('');
    }
  });

  it('exits 2 on invalid field values (checked by the same rules as the API)', async () => {
    const result = await users([
      'create',
      '--email',
      'short@example.com',
      '--username',
      'short_pw',
      '--password',
      'short',
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^brier: password must be at least 10 characters long\n$/);
  });
});
