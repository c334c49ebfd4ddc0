// SIGTERM: stop accepting, finish the request in flight, close the database, exit 0; a request
// that never finishes is cut at SHUTDOWN_TIMEOUT_MS. The data is there when the storage reopens.
import { describe, expect, it, vi } from 'vitest';
import {
  logLines,
  PROCESS_TEST_TIMEOUT_MS,
  startServerProcess,
} from '../../helpers/brier-process.ts';
import { isConnectionRefused, openRawConnection, serverPort } from '../../helpers/raw-http.ts';
import { REGISTER_PATH, registerBody, storedUsernames } from '../../helpers/register-request.ts';
import { useServerStorages } from '../../helpers/server-storage.ts';
import { waitFor } from '../../helpers/wait-for.ts';

// These tests start real processes: on a busy machine that takes far longer than usual.
vi.setConfig({ testTimeout: PROCESS_TEST_TIMEOUT_MS, hookTimeout: PROCESS_TEST_TIMEOUT_MS });

const freshStorage = useServerStorages();

/** Sends the head of a register request and waits for `100 Continue`: the request is in flight. */
async function startRegistration(port: number, username: string) {
  const body = registerBody(username);
  const connection = await openRawConnection(port);
  connection.write(
    `POST ${REGISTER_PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nExpect: 100-continue\r\n\r\n`,
  );
  await connection.waitForText('HTTP/1.1 100 Continue');
  return { connection, body };
}

/** Registers `username` and creates an API token through the API; returns the token. */
async function createApiToken(baseUrl: string, username: string): Promise<string> {
  const registered = await fetch(`${baseUrl}${REGISTER_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: registerBody(username),
  });
  expect(registered.status).toBe(201);
  const cookie = registered.headers.get('set-cookie')!.split(';')[0]!;
  const csrf = await (await fetch(`${baseUrl}/api/v1/auth/csrf`, { headers: { cookie } })).json();
  const created = await fetch(`${baseUrl}/api/v1/me/tokens`, {
    method: 'POST',
    headers: { cookie, 'x-csrf-token': csrf.csrf_token, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'shutdown test', scopes: ['read'] }),
  });
  expect(created.status).toBe(201);
  return (await created.json()).token;
}

describe('graceful shutdown on SIGTERM', () => {
  it('finishes the request in flight, refuses new connections and exits 0', async () => {
    const storage = await freshStorage();
    const server = await startServerProcess({ ...storage.env, SHUTDOWN_TIMEOUT_MS: '30000' });
    const port = serverPort(server.url);
    const { connection, body } = await startRegistration(port, 'inflight_user');

    const signalledAt = Date.now();
    server.signal('SIGTERM');
    await waitFor(() => isConnectionRefused(port), { description: 'the port to refuse' });
    expect(server.hasExited()).toBe(false);

    connection.write(body);
    const response = await connection.waitForJsonResponse();
    expect(response.status).toBe(201);
    // The keep-alive connection is released with the response, not held until the deadline.
    await connection.closed;

    const exit = await server.exited;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(Date.now() - signalledAt).toBeLessThan(20_000);
    const logs = logLines(server.stdout());
    const messages = logs.map((line) => line.msg);
    expect(messages).toContain('stopped');
    expect(messages).not.toContain('shutdown deadline passed; closing remaining connections');
    // Structured logs: the request is traceable by the id the client got back.
    const requestId = /\r\nx-request-id: ([^\r]+)\r\n/i.exec(connection.received())?.[1];
    expect(requestId).toBeTruthy();
    const requestLines = logs.filter((line) => line.reqId === requestId);
    expect(requestLines).toEqual([
      expect.objectContaining({ level: 30, msg: 'request', method: 'POST', status: 201 }),
    ]);

    // The database was closed cleanly: it reopens at once with the write in it (no lock left).
    expect(storage.hasStaleLock()).toBe(false);
    const database = await storage.open();
    try {
      expect(await storedUsernames(database)).toContain('inflight_user');
    } finally {
      await database.close();
    }
  });

  it('cuts a request that never completes at SHUTDOWN_TIMEOUT_MS and still exits 0', async () => {
    const storage = await freshStorage();
    const server = await startServerProcess({ ...storage.env, SHUTDOWN_TIMEOUT_MS: '500' });
    const { connection } = await startRegistration(serverPort(server.url), 'never_finished');

    server.signal('SIGTERM');
    // The body never comes: the deadline closes the connection and the process exits cleanly.
    await connection.closed;
    expect(await server.exited).toEqual({ code: 0, signal: null });
    const messages = logLines(server.stdout()).map((line) => line.msg);
    expect(messages).toContain('shutdown deadline passed; closing remaining connections');
    expect(messages).toContain('stopped');

    // A restart on the same storage is ready at once.
    const restarted = await startServerProcess(storage.env);
    const ready = await fetch(`${restarted.url}/readyz`);
    expect(ready.status).toBe(200);
    restarted.signal('SIGTERM');
    expect((await restarted.exited).code).toBe(0);
  });

  it('past the deadline, finishes closing the app before the database closes', async () => {
    const storage = await freshStorage();
    const server = await startServerProcess({ ...storage.env, SHUTDOWN_TIMEOUT_MS: '300' });
    const token = await createApiToken(server.url, 'deadline_user');
    // A token use is noted in memory and written when the app closes (token-uses.ts).
    const me = await fetch(`${server.url}/api/v1/me`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(me.status).toBe(200);
    const { connection } = await startRegistration(serverPort(server.url), 'held_open');

    server.signal('SIGTERM');
    await connection.closed;
    expect(await server.exited).toEqual({ code: 0, signal: null });
    const messages = logLines(server.stdout()).map((line) => line.msg);
    expect(messages).toContain('shutdown deadline passed; closing remaining connections');

    // The app's closing work (here: writing the token use) ran before the database closed.
    const database = await storage.open();
    try {
      const row = await database.db
        .selectFrom('api_tokens')
        .select('last_used_at')
        .executeTakeFirstOrThrow();
      expect(row.last_used_at).not.toBeNull();
    } finally {
      await database.close();
    }
  });

  it('stops on SIGINT too (Ctrl-C in a terminal)', async () => {
    const storage = await freshStorage();
    const server = await startServerProcess(storage.env);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    server.signal('SIGINT');
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(storage.hasStaleLock()).toBe(false);
  });
});
