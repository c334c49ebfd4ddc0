// Leaderboards (/leaderboards), tournaments (/tournaments/:slug) and the CP's track record
// (/track-record): GET pages whose forms work without JavaScript.
import { Type } from '@sinclair/typebox';
import { h } from 'preact';
import { actorUserId } from '../../domain/actor.ts';
import type { Deps } from '../../services/deps.ts';
import { getGlobalLeaderboard } from '../../services/standings/get-leaderboard.ts';
import { getCpTrackRecord } from '../../services/standings/get-track-record.ts';
import { getTournament, listTournaments } from '../../services/tournaments/get-tournament.ts';
import { CpTrackRecordPage } from '../../views/pages/cp-track-record-page.tsx';
import { LeaderboardsPage, windowLabel } from '../../views/pages/leaderboards-page.tsx';
import { TournamentPage } from '../../views/pages/tournament-page.tsx';
import type { App } from '../app-type.ts';
import { sendPage } from './render.ts';

const BoardQuery = Type.Object({
  score_type: Type.Optional(
    Type.Union([Type.Literal('peer_global'), Type.Literal('baseline_global')]),
  ),
  window: Type.Optional(Type.String({ maxLength: 20 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
});

const OffsetQuery = Type.Object({
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
});

export function registerStandingsPages(app: App, deps: Deps): void {
  app.get(
    '/leaderboards',
    { schema: { hide: true, querystring: BoardQuery } },
    async (request, reply) => {
      const scoreType = request.query.score_type ?? 'peer_global';
      const view = await getGlobalLeaderboard(deps, {
        actor: request.actor,
        scoreType,
        window: request.query.window || 'all',
        offset: request.query.offset,
      });
      const tournaments = await listTournaments(deps);
      return sendPage(request, reply, {
        title: `Leaderboard · ${windowLabel(view.board.timeWindow)}`,
        body: h(LeaderboardsPage, {
          model: { view, scoreType, viewerId: actorUserId(request.actor), tournaments },
        }),
      });
    },
  );

  app.get<{ Params: { slug: string } }>(
    '/tournaments/:slug',
    { schema: { hide: true, querystring: OffsetQuery } },
    async (request, reply) => {
      const model = await getTournament(deps, {
        actor: request.actor,
        slug: request.params.slug,
        offset: (request.query as { offset?: number }).offset,
        limit: 100,
      });
      return sendPage(request, reply, {
        title: model.tournament.title,
        description: model.tournament.description.slice(0, 160) || undefined,
        body: h(TournamentPage, { model, viewerId: actorUserId(request.actor) }),
      });
    },
  );

  app.get('/track-record', { schema: { hide: true } }, async (request, reply) => {
    const model = await getCpTrackRecord(deps, {});
    return sendPage(request, reply, {
      title: 'Community prediction track record',
      body: h(CpTrackRecordPage, { model }),
    });
  });
}
