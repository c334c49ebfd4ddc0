// Reads a Server-Sent Events response in tests: messages as they come, comments, and the end.

export interface SseMessage {
  event: string;
  data: string;
  /** The `id:` line, when the message had one. */
  id?: string;
}

/** Reads an SSE response; `next()` resolves with the next message or comment block. */
export function sseReader(response: Response) {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const messages: SseMessage[] = [];
  let comments = '';
  let isEnded = false;
  const pump = (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) {
        isEnded = true;
        return;
      }
      buffer += decoder.decode(value, { stream: true });
      let boundary = buffer.indexOf('\n\n');
      while (boundary >= 0) {
        const block = buffer.slice(0, boundary);
        buffer = buffer.slice(boundary + 2);
        const message: SseMessage = { event: 'message', data: '' };
        for (const line of block.split('\n')) {
          if (line.startsWith(':')) comments += `${line}\n`;
          else if (line.startsWith('event: ')) message.event = line.slice(7);
          else if (line.startsWith('data: ')) message.data += line.slice(6);
          else if (line.startsWith('id: ')) message.id = line.slice(4);
        }
        if (message.data !== '') messages.push(message);
        boundary = buffer.indexOf('\n\n');
      }
    }
  })();
  return {
    messages,
    comments: () => comments,
    /** True once the server ended the stream (or it was closed). */
    ended: () => isEnded,
    async close() {
      await reader.cancel().catch(() => undefined);
      await pump;
    },
  };
}
