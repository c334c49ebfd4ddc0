// The open live-update streams of one instance, by client, so that the plugin can cap them
// (per client and in total) and end those of a user whose sessions or role changed.
import type { ServerResponse } from 'node:http';

export interface LiveStream {
  raw: ServerResponse;
  /** `user:<id>` when signed in, `ip:<address>` otherwise: what the per-client cap counts. */
  clientKey: string;
  /** The user the stream was opened as; null for anonymous streams. */
  userId: number | null;
}

export class LiveStreamRegistry {
  private readonly streams = new Set<LiveStream>();
  private readonly perClient = new Map<string, number>();

  get size(): number {
    return this.streams.size;
  }

  countFor(clientKey: string): number {
    return this.perClient.get(clientKey) ?? 0;
  }

  add(stream: LiveStream): void {
    this.streams.add(stream);
    this.perClient.set(stream.clientKey, this.countFor(stream.clientKey) + 1);
  }

  remove(stream: LiveStream): void {
    if (!this.streams.delete(stream)) return;
    const count = this.countFor(stream.clientKey) - 1;
    if (count > 0) this.perClient.set(stream.clientKey, count);
    else this.perClient.delete(stream.clientKey);
  }

  /** Ends the streams opened as this user (null: every signed-in stream); browsers reconnect. */
  endStreamsOf(userId: number | null): void {
    for (const stream of [...this.streams]) {
      if (stream.userId !== null && (userId === null || stream.userId === userId)) {
        stream.raw.end();
        this.remove(stream);
      }
    }
  }

  endAll(): void {
    for (const stream of this.streams) stream.raw.end();
    this.streams.clear();
    this.perClient.clear();
  }
}
