// `brier backup FILE`, `brier restore FILE`, `brier export [--question ID] [FILE]` and
// `brier import FILE`: whole-database dumps (services/maintenance/database-dump.ts) written and
// read as JSON Lines, gzip-compressed for backups and for any FILE ending in .gz, with a progress
// bar on a terminal. A backup is taken from the database directly (PostgreSQL, or a PGlite
// data directory no server holds) or, with --from URL, downloaded from a running server by an
// admin token (BRIER_TOKEN): the embedded database belongs to the server while it runs.

import { once } from 'node:events';
import { createReadStream, createWriteStream, openSync } from 'node:fs';
import { access, constants, unlink } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import cliProgress from 'cli-progress';
import { type CliCommand, type CliIo, EXIT_SUCCESS, InputError, UsageError } from '../command.ts';

const GZIP_MAGIC = [0x1f, 0x8b];

function progressBar(label: string) {
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total} rows | {eta_formatted} left`,
      stream: process.stderr,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done: number, total: number) {
      if (!started) {
        bar.start(total, done);
        started = true;
      } else bar.update(done);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

/** A new file (EEXIST at once, before any work, when it is there already). */
function createNewFile(file: string): Writable {
  return createWriteStream('', { fd: openSync(file, 'wx') });
}

/** Opens FILE for writing, gzip-compressed when asked; `-` is standard output. */
function openOutput(file: string, isCompressed: boolean): { sink: Writable; done: Promise<void> } {
  const target = file === '-' ? process.stdout : createNewFile(file);
  if (!isCompressed) {
    return {
      sink: target,
      done: file === '-' ? Promise.resolve() : once(target, 'finish').then(() => undefined),
    };
  }
  const gzip = createGzip();
  return { sink: gzip, done: pipeline(gzip, target) };
}

async function write(sink: Writable, text: string): Promise<void> {
  if (!sink.write(text)) await once(sink, 'drain');
}

/** The lines of FILE (gzip or plain, told by its first bytes). */
async function* readLines(file: string): AsyncGenerator<string> {
  const head = await new Promise<Buffer>((resolve, reject) => {
    const probe = createReadStream(file, { start: 0, end: 1 });
    const chunks: Buffer[] = [];
    probe.on('data', (chunk) => chunks.push(chunk as Buffer));
    probe.on('end', () => resolve(Buffer.concat(chunks)));
    probe.on('error', reject);
  });
  const isGzip = head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1];
  const raw = createReadStream(file);
  const input = isGzip ? raw.pipe(createGunzip()) : raw;
  yield* createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
}

function singleFile(positionals: string[], what: string): string {
  const file = positionals[0];
  if (!file) throw new UsageError(`${what} needs a FILE`);
  return file;
}

/** Dumps the database this process opens (PostgreSQL, or a free PGlite data directory). */
async function dumpDirectly(file: string, isCompressed: boolean, io: CliIo): Promise<void> {
  const { openDeps, readConfig } = await import('../../bootstrap.ts');
  const { writeDatabaseDump } = await import('../../services/maintenance/database-dump.ts');
  const { sink, done } = openOutput(file, isCompressed);
  // The pipeline's failure surfaces where it is awaited, never as an unhandled rejection.
  done.catch(() => undefined);
  const bar = progressBar(file === '-' ? 'export' : file);
  try {
    const deps = await openDeps(readConfig(process.env));
    try {
      const header = await writeDatabaseDump(deps, (line) => write(sink, line), bar.update);
      if (file !== '-') sink.end();
      await done;
      bar.stop();
      const rows = header.tables.reduce((sum, table) => sum + table.rows, 0);
      io.writeStderr(`wrote ${rows} rows of ${header.tables.length} tables to ${file}\n`);
    } finally {
      await deps.database.close();
    }
  } catch (error) {
    bar.stop();
    sink.destroy();
    throw error;
  }
}

/** Downloads a backup from a running server (GET /api/v1/admin/backup, an admin's token). */
async function downloadBackup(url: string, file: string, io: CliIo): Promise<void> {
  const token = process.env.BRIER_TOKEN;
  if (!token) throw new UsageError('--from needs an admin API token in BRIER_TOKEN');
  const output = createNewFile(file);
  const response = await fetch(new URL('/api/v1/admin/backup', url), {
    headers: { authorization: `Bearer ${token}` },
  }).catch((error: Error) => {
    throw new InputError(`cannot reach ${url}: ${error.message}`);
  });
  if (!response.ok || !response.body) {
    output.destroy();
    await unlink(file);
    const text = await response.text();
    throw new InputError(`the server answered ${response.status}: ${text.slice(0, 200)}`);
  }
  await pipeline(
    Readable.fromWeb(response.body as never),
    createWriteStream(file, { flags: 'wx' }),
  );
  io.writeStderr(`downloaded a backup from ${url} to ${file}\n`);
}

async function loadDump(file: string, io: CliIo): Promise<number> {
  // Before the database opens: a mistyped name should not wait for it.
  await access(file, constants.R_OK).catch(() => {
    throw new InputError(`no such file: ${file}`);
  });
  const { openDeps, readConfig } = await import('../../bootstrap.ts');
  const { loadDatabaseDump } = await import('../../services/maintenance/database-dump.ts');
  const { DomainError } = await import('../../domain/errors.ts');
  const deps = await openDeps(readConfig(process.env));
  const bar = progressBar(file);
  try {
    const rows = await loadDatabaseDump(deps, readLines(file), bar.update);
    bar.stop();
    io.writeStderr(`loaded ${rows} rows from ${file}\n`);
    return rows;
  } catch (error) {
    bar.stop();
    if (error instanceof DomainError) throw new InputError(error.message);
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new InputError(`no such file: ${file}`);
    throw error;
  } finally {
    await deps.database.close();
  }
}

function fileExists(error: unknown, file: string): never {
  if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
    throw new InputError(`${file} exists already; choose a new file name`);
  }
  throw error;
}

export const backupCommand: CliCommand = {
  name: 'backup',
  options: { from: { type: 'string', valueName: 'URL' } },
  positionals: { min: 1, max: 1, name: 'FILE' },
  async run({ positionals, options, io }) {
    const file = singleFile(positionals, 'backup');
    if (file === '-') throw new UsageError('backup writes a file, not standard output');
    const from = options.from;
    if (from !== undefined && typeof from !== 'string') throw new UsageError('--from needs a URL');
    try {
      if (from) await downloadBackup(from, file, io);
      else await dumpDirectly(file, true, io);
    } catch (error) {
      fileExists(error, file);
    }
    return EXIT_SUCCESS;
  },
};

export const restoreCommand: CliCommand = {
  name: 'restore',
  options: {},
  positionals: { min: 1, max: 1, name: 'FILE' },
  async run({ positionals, io }) {
    await loadDump(singleFile(positionals, 'restore'), io);
    return EXIT_SUCCESS;
  },
};

export const exportCommand: CliCommand = {
  name: 'export',
  options: { question: { type: 'string', valueName: 'ID' } },
  positionals: { min: 0, max: 1, name: 'FILE' },
  async run({ positionals, options, io }) {
    const file = positionals[0] ?? '-';
    const question = options.question;
    if (question === undefined) {
      try {
        await dumpDirectly(file, file.endsWith('.gz'), io);
      } catch (error) {
        fileExists(error, file);
      }
      return EXIT_SUCCESS;
    }
    if (typeof question !== 'string' || !/^[1-9]\d{0,14}$/.test(question)) {
      throw new UsageError('--question needs a question id');
    }
    const { openDeps, readConfig } = await import('../../bootstrap.ts');
    const { exportQuestionBundle } = await import(
      '../../services/forecasts/export-question-bundle.ts'
    );
    const { SYSTEM_ACTOR } = await import('../../domain/actor.ts');
    const { DomainError } = await import('../../domain/errors.ts');
    const deps = await openDeps(readConfig(process.env));
    try {
      const bundle = await exportQuestionBundle(deps, {
        actor: SYSTEM_ACTOR,
        questionId: Number(question),
      });
      const text = `${JSON.stringify(bundle, null, 2)}\n`;
      const { sink, done } = openOutput(file, file.endsWith('.gz'));
      await write(sink, text);
      if (file !== '-') sink.end();
      await done;
      return EXIT_SUCCESS;
    } catch (error) {
      if (error instanceof DomainError) throw new InputError(error.message);
      return fileExists(error, file);
    } finally {
      await deps.database.close();
    }
  },
};

export const importCommand: CliCommand = {
  name: 'import',
  options: {},
  positionals: { min: 1, max: 1, name: 'FILE' },
  async run({ positionals, io }) {
    await loadDump(singleFile(positionals, 'import'), io);
    return EXIT_SUCCESS;
  },
};
