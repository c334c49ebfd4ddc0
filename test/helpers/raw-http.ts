// Hand-written HTTP/1.1 over a TCP socket, for what fetch cannot do: a request that stays in flight
// (headers sent, body held back), a lying Content-Length, a body cut off mid-way.
import { connect, type Socket } from 'node:net';
import { waitFor } from './wait-for.ts';

export interface RawConnection {
  socket: Socket;
  /** Everything the server has sent so far. */
  received(): string;
  /** Resolves when the server has closed the connection (or it failed). */
  closed: Promise<void>;
  write(text: string | Buffer): void;
  /** Waits until the bytes received so far contain `text`. */
  waitForText(text: string, timeoutMs?: number): Promise<void>;
  /** Status code of the last complete response head received, e.g. 201. */
  lastStatus(): number | undefined;
  /** JSON body of the first final (non-1xx) response, once fully received. */
  waitForJsonResponse(timeoutMs?: number): Promise<{ status: number; body: unknown }>;
}

export function serverPort(url: string): number {
  return Number(new URL(url).port);
}

export async function openRawConnection(port: number): Promise<RawConnection> {
  const socket = connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  let received = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    received += chunk;
  });
  socket.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  const connection: RawConnection = {
    socket,
    received: () => received,
    closed,
    write(text) {
      socket.write(text);
    },
    async waitForText(text, timeoutMs = 20_000) {
      await waitFor(() => received.includes(text), {
        timeoutMs,
        description: `${JSON.stringify(text)} from the server (got ${JSON.stringify(received)})`,
      });
    },
    lastStatus() {
      const statuses = [...received.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((m) => Number(m[1]));
      return statuses[statuses.length - 1];
    },
    async waitForJsonResponse(timeoutMs = 20_000) {
      return waitFor(
        () => {
          const response = parseFinalResponse(received);
          return response ?? undefined;
        },
        { timeoutMs, description: `a complete response (got ${JSON.stringify(received)})` },
      );
    },
  };
  return connection;
}

/** Finds the first non-1xx response with a complete Content-Length body. */
function parseFinalResponse(text: string): { status: number; body: unknown } | null {
  let rest = text;
  for (;;) {
    const headEnd = rest.indexOf('\r\n\r\n');
    if (headEnd < 0) return null;
    const head = rest.slice(0, headEnd);
    const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]);
    rest = rest.slice(headEnd + 4);
    if (status >= 100 && status < 200) continue;
    const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? Number.NaN);
    if (!Number.isFinite(length) || Buffer.byteLength(rest) < length) return null;
    const body = Buffer.from(rest).subarray(0, length).toString('utf8');
    try {
      return { status, body: JSON.parse(body) };
    } catch {
      return { status, body };
    }
  }
}

/** True when a new TCP connection to the port is refused (the server stopped accepting). */
export function isConnectionRefused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = connect(port, '127.0.0.1');
    probe.once('connect', () => {
      probe.destroy();
      resolve(false);
    });
    probe.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}
