// GET /: the home feed with its sort, filters, search and cursor from the query string.
import { Type } from '@sinclair/typebox';
import { h } from 'preact';
import { FEED_SORTS, type FeedSort } from '../../domain/view-models/home-feed.ts';
import type { Deps } from '../../services/deps.ts';
import { getHomeFeed } from '../../services/pages/get-home-feed.ts';
import { HomePage } from '../../views/pages/home-page.tsx';
import type { App } from '../app-type.ts';
import { sendPage } from './render.ts';

const HomeQuerySchema = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200 })),
  sort: Type.Optional(Type.Union(FEED_SORTS.map((sort) => Type.Literal(sort)))),
  tag: Type.Optional(Type.String({ maxLength: 100 })),
  // '' is what the form sends for "All tournaments".
  tournament: Type.Optional(
    Type.Union([Type.Literal(''), Type.String({ pattern: '^[1-9]\\d{0,9}$' })]),
  ),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
});

export function registerHomePage(app: App, deps: Deps): void {
  app.get('/', { schema: { hide: true, querystring: HomeQuerySchema } }, async (request, reply) => {
    const query = request.query;
    const model = await getHomeFeed(deps, {
      actor: request.actor,
      filters: {
        sort: (query.sort ?? 'newest') as FeedSort,
        text: query.q?.trim() ?? '',
        tag: query.tag?.trim() || null,
        tournamentId: query.tournament ? Number(query.tournament) : null,
      },
      cursor: query.cursor || undefined,
    });
    return sendPage(request, reply, {
      title: 'Forecasts you can check',
      body: h(HomePage, { model, now: deps.clock.now() }),
    });
  });
}
