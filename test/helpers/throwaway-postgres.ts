// A PostgreSQL cluster of the test's own (initdb into a temp dir, a free loopback port, its socket
// inside that dir) that the test may stop and start again. It never touches the shared server.
import { execFile, spawnSync } from 'node:child_process';
import {
  appendFileSync,
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  realpathSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { freePort } from './brier-process.ts';

interface OsUser {
  uid: number;
  gid: number;
}

function run(
  file: string,
  args: string[],
  options: { env: NodeJS.ProcessEnv; cwd: string; user: OsUser | null },
): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      {
        env: options.env,
        cwd: options.cwd,
        ...(options.user ?? {}),
        encoding: 'utf8',
        timeout: 120_000,
      },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${file} ${args.join(' ')} failed: ${stderr || stdout}`));
        else resolve(stdout);
      },
    );
  });
}

/** The directory holding initdb, pg_ctl and postgres: PG_BINDIR, `initdb` on PATH, or Debian's. */
export function findPostgresBinDir(): string | null {
  const candidates: string[] = [];
  if (process.env.PG_BINDIR) candidates.push(process.env.PG_BINDIR);
  for (const dir of (process.env.PATH ?? '').split(':')) {
    const initdb = join(dir, 'initdb');
    if (dir && existsSync(initdb)) candidates.push(dirname(realpathSync(initdb)));
  }
  try {
    const versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a));
    for (const version of versions) candidates.push(join('/usr/lib/postgresql', version, 'bin'));
  } catch {
    // not a Debian layout
  }
  return (
    candidates.find((dir) =>
      ['initdb', 'pg_ctl', 'postgres'].every((name) => existsSync(join(dir, name))),
    ) ?? null
  );
}

/** PostgreSQL refuses to run as root; as root, run the server binaries as OS user `postgres`. */
async function serverUser(): Promise<OsUser | null> {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return null;
  const name = process.env.BRIER_TEST_PG_OS_USER || 'postgres';
  const env = { PATH: process.env.PATH };
  const uid = Number((await run('id', ['-u', name], { env, cwd: '/', user: null })).trim());
  const gid = Number((await run('id', ['-g', name], { env, cwd: '/', user: null })).trim());
  return { uid, gid };
}

export class ThrowawayPostgres {
  private constructor(
    private readonly binDir: string,
    private readonly baseDir: string,
    readonly port: number,
    private readonly user: OsUser | null,
  ) {}

  /** Creates and starts a fresh cluster; call `destroy()` in afterAll. */
  static async create(): Promise<ThrowawayPostgres> {
    const binDir = findPostgresBinDir();
    if (!binDir) {
      throw new Error('PostgreSQL server binaries (initdb, pg_ctl) not found; set PG_BINDIR');
    }
    const user = await serverUser();
    const baseDir = mkdtempSync(join(tmpdir(), 'brier-pg-'));
    if (user) chownSync(baseDir, user.uid, user.gid);
    const cluster = new ThrowawayPostgres(binDir, baseDir, await freePort(), user);
    activeClusters.add(cluster);
    await cluster.exec('initdb', [
      '-D',
      cluster.dataDir,
      '-U',
      'postgres',
      '-A',
      'trust',
      '-E',
      'UTF8',
      '--locale=C',
    ]);
    appendFileSync(
      join(cluster.dataDir, 'postgresql.conf'),
      [
        '',
        `port = ${cluster.port}`,
        "listen_addresses = '127.0.0.1'",
        `unix_socket_directories = '${baseDir}'`,
        '',
      ].join('\n'),
    );
    await cluster.start();
    return cluster;
  }

  get dataDir(): string {
    return join(this.baseDir, 'data');
  }

  /** Superuser URL of the cluster's default database. */
  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  private exec(binary: string, args: string[]): Promise<string> {
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, LC_ALL: 'C', LANG: 'C' };
    return run(join(this.binDir, binary), args, { env, cwd: this.baseDir, user: this.user });
  }

  async start(): Promise<void> {
    await this.exec('pg_ctl', [
      '-D',
      this.dataDir,
      '-l',
      join(this.baseDir, 'server.log'),
      '-w',
      '-t',
      '60',
      'start',
    ]);
  }

  /** Fast shutdown: open sessions are terminated, as when an operator restarts the database. */
  async stop(): Promise<void> {
    await this.exec('pg_ctl', ['-D', this.dataDir, '-m', 'fast', '-w', '-t', '60', 'stop']);
  }

  async isRunning(): Promise<boolean> {
    return this.exec('pg_ctl', ['-D', this.dataDir, 'status']).then(
      () => true,
      () => false,
    );
  }

  /** Synchronous immediate stop, for the process 'exit' handler only. */
  stopNow(): void {
    spawnSync(join(this.binDir, 'pg_ctl'), ['-D', this.dataDir, '-m', 'immediate', 'stop'], {
      env: { PATH: process.env.PATH },
      cwd: this.baseDir,
      ...(this.user ?? {}),
      stdio: 'ignore',
    });
    rmSync(this.baseDir, { recursive: true, force: true });
  }

  /** Stops the server if it runs and deletes every file of the cluster. */
  async destroy(): Promise<void> {
    activeClusters.delete(this);
    if (await this.isRunning()) await this.stop();
    rmSync(this.baseDir, { recursive: true, force: true });
  }
}

const activeClusters = new Set<ThrowawayPostgres>();

// If a test file dies before its afterAll, do not leave a postmaster running.
process.once('exit', () => {
  for (const cluster of activeClusters) cluster.stopNow();
});
