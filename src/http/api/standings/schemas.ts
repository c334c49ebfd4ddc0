// Shapes of leaderboards, tournaments and track records in the API (docs/maths.md §13, §15.5).
import { Type } from '@sinclair/typebox';
import { TOURNAMENT_SCORE_TYPES } from '../../../domain/leaderboard-boards.ts';
import {
  MAX_TOURNAMENT_DESCRIPTION_LENGTH,
  MAX_TOURNAMENT_SLUG_LENGTH,
  MAX_TOURNAMENT_TITLE_LENGTH,
} from '../../../domain/tournament-fields.ts';
import { CpEntrySchema } from '../forecasts/cp-schemas.ts';
import { DateTime, FreeObject, Id, Nullable } from '../kit/schemas.ts';

export const STANDINGS_TAGS = ['standings'];
const MAX_BOARD_PAGE = 200;

const NumberOrNull = Nullable(Type.Number());

export const LeaderboardEntrySchema = Type.Object(
  {
    user: Nullable(
      Type.Object({
        id: Type.Integer(),
        username: Type.String(),
        display_name: Nullable(Type.String()),
      }),
      { description: 'null for the CP row' },
    ),
    aggregation_method: Nullable(Type.String(), {
      description: 'the CP method for the CP row (shown, never ranked), else null',
    }),
    score: Type.Number(),
    coverage: Type.Number(),
    contribution_count: Type.Integer(),
    take: NumberOrNull,
    rank: Type.Integer(),
    exclusion_status: Type.Integer({ minimum: 0, maximum: 4 }),
    percent_prize: Type.Number(),
    prize: NumberOrNull,
    medal: Nullable(
      Type.Union([Type.Literal('gold'), Type.Literal('silver'), Type.Literal('bronze')]),
    ),
  },
  { description: 'One row of a board: the fields of `brier leaderboard` (docs/maths.md §13).' },
);

export const LeaderboardSchema = Type.Object({
  key: Type.String(),
  score_type: Type.String(),
  window: Type.String({ description: '"all", "last-90-days", a year, or "tournament"' }),
  window_start: Nullable(DateTime()),
  window_end: Nullable(DateTime()),
  question_count: Type.Integer(),
  is_finalized: Type.Boolean(),
  computed_at: Nullable(DateTime(), { description: 'null until first computed' }),
  total: Type.Integer({ description: 'rows shown, the CP row included' }),
  offset: Type.Integer(),
  limit: Type.Integer(),
  entries: Type.Array(LeaderboardEntrySchema),
  my_entry: Nullable(LeaderboardEntrySchema, { description: 'the caller\u2019s own row' }),
});

export const GlobalLeaderboardSchema = Type.Composite([
  LeaderboardSchema,
  Type.Object({ windows: Type.Array(Type.String()) }),
]);

const pageQuery = {
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_BOARD_PAGE, default: 50 })),
};

export const GlobalLeaderboardQuerySchema = Type.Object(
  {
    score_type: Type.Optional(
      Type.Union([Type.Literal('peer_global'), Type.Literal('baseline_global')], {
        default: 'peer_global',
      }),
    ),
    window: Type.Optional(
      Type.String({
        maxLength: 20,
        default: 'all',
        description: '"all", "last-90-days" or a year such as "2026"',
      }),
    ),
    ...pageQuery,
  },
  { additionalProperties: false },
);

export const LeaderboardInputQuerySchema = Type.Object(
  {
    score_type: Type.Optional(
      Type.Union([Type.Literal('peer_global'), Type.Literal('baseline_global')]),
    ),
    window: Type.Optional(Type.String({ maxLength: 20 })),
    tournament: Type.Optional(
      Type.String({ minLength: 1, maxLength: MAX_TOURNAMENT_SLUG_LENGTH * 2 }),
    ),
  },
  { additionalProperties: false },
);

export const LeaderboardInputSchema = FreeObject(
  'The board\u2019s input in the `brier leaderboard` format (docs/maths.md §16.4)',
);

const ScoreTypeSchema = Type.Union(
  TOURNAMENT_SCORE_TYPES.map((value) => Type.Literal(value)),
  { description: 'the tournament\u2019s leaderboard (docs/maths.md §13)' },
);

const tournamentFields = {
  id: Type.Integer(),
  slug: Type.String(),
  title: Type.String(),
  description: Type.String({ description: 'markdown' }),
  start_time: Nullable(DateTime()),
  close_time: Nullable(DateTime()),
  score_type: Type.String(),
  prize_pool: NumberOrNull,
  minimum_prize_amount: Type.Number(),
  finalize_time: Nullable(DateTime(), { description: 'finalised automatically then' }),
  is_finalized: Type.Boolean(),
  finalized_at: Nullable(DateTime()),
};

export const TournamentSchema = Type.Object(tournamentFields);
export const TournamentListSchema = Type.Object({ items: Type.Array(TournamentSchema) });

export const TournamentQuestionSchema = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  type: Type.String(),
  status: Type.String(),
  question_weight: Type.Number(),
  resolution: Nullable(Type.String()),
  scheduled_close_time: Nullable(DateTime()),
  forecaster_count: Type.Integer(),
  community_prediction: Nullable(CpEntrySchema, { description: 'null while hidden from you' }),
});

export const TournamentDetailSchema = Type.Object({
  ...tournamentFields,
  questions: Type.Array(TournamentQuestionSchema),
  leaderboard: LeaderboardSchema,
});

export const SlugParamsSchema = Type.Object({
  slug: Type.String({ minLength: 1, maxLength: MAX_TOURNAMENT_SLUG_LENGTH * 2 }),
});

export const SlugQuestionParamsSchema = Type.Object({
  slug: Type.String({ minLength: 1, maxLength: MAX_TOURNAMENT_SLUG_LENGTH * 2 }),
  id: Id(),
});

export const TournamentPageQuerySchema = Type.Object(pageQuery, { additionalProperties: false });

const editable = {
  title: Type.String({ minLength: 1, maxLength: MAX_TOURNAMENT_TITLE_LENGTH }),
  description: Type.String({ maxLength: MAX_TOURNAMENT_DESCRIPTION_LENGTH }),
  start_time: Nullable(DateTime()),
  close_time: Nullable(DateTime()),
  score_type: ScoreTypeSchema,
  prize_pool: Nullable(Type.Number({ minimum: 0 })),
  minimum_prize_amount: Type.Number({ minimum: 0 }),
  finalize_time: Nullable(DateTime()),
};

export const CreateTournamentBodySchema = Type.Object(
  {
    slug: Type.String({ minLength: 1, maxLength: MAX_TOURNAMENT_SLUG_LENGTH }),
    title: editable.title,
    description: Type.Optional(editable.description),
    start_time: Type.Optional(editable.start_time),
    close_time: Type.Optional(editable.close_time),
    score_type: Type.Optional(editable.score_type),
    prize_pool: Type.Optional(editable.prize_pool),
    minimum_prize_amount: Type.Optional(editable.minimum_prize_amount),
    finalize_time: Type.Optional(editable.finalize_time),
  },
  { additionalProperties: false },
);

export const UpdateTournamentBodySchema = Type.Partial(Type.Object(editable), {
  additionalProperties: false,
  minProperties: 1,
});

export const TournamentQuestionBodySchema = Type.Object(
  { question_weight: Type.Number({ minimum: 0, maximum: 1000 }) },
  { additionalProperties: false },
);

export const TournamentQuestionResultSchema = Type.Object({
  tournament: Type.String({ description: 'slug' }),
  question_id: Type.Integer(),
  question_weight: Type.Number(),
});

const ScoreCellSchema = Nullable(Type.Object({ score: Type.Number(), coverage: Type.Number() }));
const ScoreCellsSchema = Type.Object({
  peer: ScoreCellSchema,
  baseline: ScoreCellSchema,
  brier: ScoreCellSchema,
  log: ScoreCellSchema,
});

export const CalibrationBinSchema = Type.Object({
  bin_lower: Type.Number(),
  bin_upper: Type.Number(),
  count: Type.Integer(),
  mean_forecast: NumberOrNull,
  observed_frequency: NumberOrNull,
  wilson_lower: NumberOrNull,
  wilson_upper: NumberOrNull,
});

export const FeedbackCardSchema = Type.Object({
  bin_lower: Type.Number(),
  bin_upper: Type.Number(),
  count: Type.Integer(),
  mean_forecast: Type.Number(),
  observed_frequency: Type.Number(),
  verdict: Type.Union([
    Type.Literal('calibrated'),
    Type.Literal('happened_less'),
    Type.Literal('happened_more'),
  ]),
  text: Type.String(),
});

const FiltersSchema = Type.Object({
  tag: Nullable(Type.String()),
  tournament: Nullable(Type.String()),
});

export const TrackRecordSchema = Type.Object({
  user: Type.Object({ id: Type.Integer(), username: Type.String() }),
  filters: FiltersSchema,
  questions: Type.Array(
    Type.Object({
      id: Type.Integer(),
      title: Type.String(),
      type: Type.String(),
      resolution: Nullable(Type.String()),
      resolved_at: Nullable(DateTime()),
      tournament: Nullable(Type.Object({ slug: Type.String(), title: Type.String() })),
      mine: ScoreCellsSchema,
      cp: ScoreCellsSchema,
    }),
  ),
  totals: Type.Array(
    Type.Object({
      score_type: Type.String(),
      count: Type.Integer(),
      total: Type.Number(),
      average: NumberOrNull,
      cp_count: Type.Integer(),
      cp_total: Type.Number(),
      cp_average: NumberOrNull,
    }),
  ),
  calibration: Type.Array(CalibrationBinSchema),
  feedback: Type.Array(FeedbackCardSchema),
});

export const CpTrackRecordSchema = Type.Object({
  filters: FiltersSchema,
  question_count: Type.Integer(),
  calibration: Type.Array(CalibrationBinSchema),
  feedback: Type.Array(FeedbackCardSchema),
});

export const TrackRecordQuerySchema = Type.Object(
  {
    tag: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    tournament: Type.Optional(
      Type.String({ minLength: 1, maxLength: MAX_TOURNAMENT_SLUG_LENGTH * 2 }),
    ),
  },
  { additionalProperties: false },
);
