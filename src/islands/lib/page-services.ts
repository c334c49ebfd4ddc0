// The browser half of views/components/island-services.tsx: one EventSource per question for
// every island of the page (a page has few connections to spare), and an in-page channel for
// the viewer's own forecasts. Modules are instances once per page, so islands built as separate
// entries still share these maps through their common chunk.
import type {
  IslandServices,
  LiveCpEvent,
  OwnForecastEvent,
} from '../../views/components/island-services.tsx';

type Listener<T> = (event: T) => void;

const streams = new Map<number, { source: EventSource; listeners: Set<Listener<LiveCpEvent>> }>();
const ownListeners = new Map<number, Set<Listener<OwnForecastEvent>>>();

// Leaving the page ends the streams (a page restored from the back/forward cache mounts anew).
addEventListener('pagehide', () => {
  for (const stream of streams.values()) stream.source.close();
  streams.clear();
});

function watchCp(questionId: number, listener: Listener<LiveCpEvent>): () => void {
  let stream = streams.get(questionId);
  if (!stream) {
    const source = new EventSource(`/api/v1/questions/${questionId}/events`);
    const listeners = new Set<Listener<LiveCpEvent>>();
    source.addEventListener('cp', (message) => {
      let event: LiveCpEvent;
      try {
        event = JSON.parse((message as MessageEvent<string>).data) as LiveCpEvent;
      } catch {
        return;
      }
      for (const each of [...listeners]) each(event);
    });
    stream = { source, listeners };
    streams.set(questionId, stream);
  }
  const current = stream;
  current.listeners.add(listener);
  return () => {
    current.listeners.delete(listener);
    if (current.listeners.size === 0) {
      current.source.close();
      streams.delete(questionId);
    }
  };
}

function watchOwnForecast(questionId: number, listener: Listener<OwnForecastEvent>): () => void {
  let listeners = ownListeners.get(questionId);
  if (!listeners) {
    listeners = new Set();
    ownListeners.set(questionId, listeners);
  }
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function publishOwnForecast(event: OwnForecastEvent): void {
  for (const listener of [...(ownListeners.get(event.questionId) ?? [])]) listener(event);
}

export const pageServices: IslandServices = { watchCp, watchOwnForecast, publishOwnForecast };
