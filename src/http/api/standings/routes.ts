// Leaderboards (/api/v1/leaderboards), tournaments (/api/v1/tournaments) and track records
// (/api/v1/users/{username}/track-record, /api/v1/track-record for the CP).
import type { Deps } from '../../../services/deps.ts';
import {
  exportLeaderboardInput,
  getGlobalLeaderboard,
} from '../../../services/standings/get-leaderboard.ts';
import { getCpTrackRecord, getTrackRecord } from '../../../services/standings/get-track-record.ts';
import { createTournament } from '../../../services/tournaments/create-tournament.ts';
import { finalizeTournament } from '../../../services/tournaments/finalize-tournament.ts';
import { getTournament, listTournaments } from '../../../services/tournaments/get-tournament.ts';
import {
  setTournamentQuestion,
  updateTournament,
} from '../../../services/tournaments/update-tournament.ts';
import type { App } from '../../app-type.ts';
import { errors, SIGNED_IN } from '../kit/conventions.ts';
import { UsernameParamsSchema } from '../users/schemas.ts';
import {
  presentCpTrackRecord,
  presentLeaderboard,
  presentTournament,
  presentTournamentDetail,
  presentTrackRecord,
} from './presenters.ts';
import {
  CpTrackRecordSchema,
  CreateTournamentBodySchema,
  GlobalLeaderboardQuerySchema,
  GlobalLeaderboardSchema,
  LeaderboardInputQuerySchema,
  LeaderboardInputSchema,
  SlugParamsSchema,
  SlugQuestionParamsSchema,
  STANDINGS_TAGS,
  TournamentDetailSchema,
  TournamentListSchema,
  TournamentPageQuerySchema,
  TournamentQuestionBodySchema,
  TournamentQuestionResultSchema,
  TournamentSchema,
  TrackRecordQuerySchema,
  TrackRecordSchema,
  UpdateTournamentBodySchema,
} from './schemas.ts';

const date = (value: string | null | undefined) =>
  value === undefined ? undefined : value === null ? null : new Date(value);

export function registerStandingsRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/v1/leaderboards',
    {
      schema: {
        tags: STANDINGS_TAGS,
        summary: 'A global leaderboard (peer or baseline) over a window, one page of rows',
        querystring: GlobalLeaderboardQuerySchema,
        response: { 200: GlobalLeaderboardSchema },
      },
    },
    async (request) => {
      const view = await getGlobalLeaderboard(deps, {
        actor: request.actor,
        scoreType: request.query.score_type,
        window: request.query.window,
        offset: request.query.offset,
        limit: request.query.limit,
      });
      return { ...presentLeaderboard(view), windows: view.windows };
    },
  );

  app.get(
    '/api/v1/leaderboards/input',
    {
      schema: {
        tags: STANDINGS_TAGS,
        summary: 'A board\u2019s input for `brier leaderboard` (global, or ?tournament=slug)',
        querystring: LeaderboardInputQuerySchema,
        response: { 200: LeaderboardInputSchema, ...errors(404) },
      },
    },
    async (request) => {
      const { tournament: slug, score_type, window } = request.query;
      return exportLeaderboardInput(deps, { scoreType: score_type, window, tournamentSlug: slug });
    },
  );

  app.get(
    '/api/v1/tournaments',
    {
      schema: {
        tags: STANDINGS_TAGS,
        summary: 'Every tournament',
        response: { 200: TournamentListSchema },
      },
    },
    async () => ({ items: (await listTournaments(deps)).map(presentTournament) }),
  );

  app.post(
    '/api/v1/tournaments',
    {
      schema: {
        tags: STANDINGS_TAGS,
        summary: 'Create a tournament (admin)',
        security: SIGNED_IN,
        body: CreateTournamentBodySchema,
        response: { 201: TournamentSchema, ...errors(409) },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const created = await createTournament(deps, {
        actor: request.actor,
        tournament: {
          slug: body.slug,
          title: body.title,
          description: body.description ?? '',
          startTime: date(body.start_time) ?? null,
          closeTime: date(body.close_time) ?? null,
          scoreType: body.score_type,
          prizePool: body.prize_pool,
          minimumPrizeAmount: body.minimum_prize_amount,
          finalizeTime: date(body.finalize_time),
        },
      });
      const view = await getTournament(deps, { actor: request.actor, slug: created.slug });
      return reply.status(201).send(presentTournament(view.tournament));
    },
  );

  app.get(
    '/api/v1/tournaments/:slug',
    {
      schema: {
        tags: STANDINGS_TAGS,
        summary: 'A tournament with its questions (weights, CP) and leaderboard',
        params: SlugParamsSchema,
        querystring: TournamentPageQuerySchema,
        response: { 200: TournamentDetailSchema },
      },
    },
    async (request) =>
      presentTournamentDetail(
        await getTournament(deps, {
          actor: request.actor,
          slug: request.params.slug,
          offset: request.query.offset,
          limit: request.query.limit,
        }),
      ),
  );

  app.patch(
    '/api/v1/tournaments/:slug',
    {
      schema: {
        tags: STANDINGS_TAGS,
        summary: 'Edit a tournament (admin); refused once finalised',
        security: SIGNED_IN,
        params: SlugParamsSchema,
        body: UpdateTournamentBodySchema,
        response: { 200: TournamentSchema, ...errors(409) },
      },
    },
    async (request) => {
      const body = request.body;
      const updated = await updateTournament(deps, {
        actor: request.actor,
        slug: request.params.slug,
        changes: {
          title: body.title,
          description: body.description,
          startTime: date(body.start_time),
          closeTime: date(body.close_time),
          scoreType: body.score_type,
          prizePool: body.prize_pool,
          minimumPrizeAmount: body.minimum_prize_amount,
          finalizeTime: date(body.finalize_time),
        },
      });
      return presentTournament(updated);
    },
  );

  app.put(
    '/api/v1/tournaments/:slug/questions/:id',
    {
      schema: {
        tags: STANDINGS_TAGS,
        summary: 'Put a question in the tournament with a weight (admin)',
        security: SIGNED_IN,
        params: SlugQuestionParamsSchema,
        body: TournamentQuestionBodySchema,
        response: { 200: TournamentQuestionResultSchema, ...errors(409) },
      },
    },
    async (request) => {
      const result = await setTournamentQuestion(deps, {
        actor: request.actor,
        slug: request.params.slug,
        questionId: request.params.id,
        questionWeight: request.body.question_weight,
      });
      return {
        tournament: result.tournament.slug,
        question_id: result.questionId,
        question_weight: result.questionWeight,
      };
    },
  );

  app.post(
    '/api/v1/tournaments/:slug/finalize',
    {
      schema: {
        tags: STANDINGS_TAGS,
        summary: 'Finalise now: store the board with prizes and medals (admin)',
        security: SIGNED_IN,
        params: SlugParamsSchema,
        response: { 200: TournamentSchema, ...errors(409) },
      },
    },
    async (request) =>
      presentTournament(
        await finalizeTournament(deps, { actor: request.actor, slug: request.params.slug }),
      ),
  );

  app.get(
    '/api/v1/users/:username/track-record',
    {
      schema: {
        tags: STANDINGS_TAGS,
        summary: 'A user\u2019s scored questions beside the CP, totals, calibration, feedback',
        params: UsernameParamsSchema,
        querystring: TrackRecordQuerySchema,
        response: { 200: TrackRecordSchema },
      },
    },
    async (request) =>
      presentTrackRecord(
        await getTrackRecord(deps, {
          username: request.params.username,
          tag: request.query.tag,
          tournament: request.query.tournament,
        }),
      ),
  );

  app.get(
    '/api/v1/track-record',
    {
      schema: {
        tags: STANDINGS_TAGS,
        summary: 'The CP\u2019s track record: calibration over every resolved binary question',
        querystring: TrackRecordQuerySchema,
        response: { 200: CpTrackRecordSchema },
      },
    },
    async (request) =>
      presentCpTrackRecord(
        await getCpTrackRecord(deps, {
          tag: request.query.tag,
          tournament: request.query.tournament,
        }),
      ),
  );
}
