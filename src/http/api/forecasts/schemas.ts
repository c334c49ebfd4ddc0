// Request and response shapes of the forecasting routes (validation and the OpenAPI document).
import { Type } from '@sinclair/typebox';
import { MAX_HISTORY_POINTS } from '../../../services/forecasts/get-cp-history.ts';
import { PageQuerySchema, PageSchema } from '../kit/pagination.ts';
import { DateTime, Nullable, TextResponse } from '../kit/schemas.ts';
import { OptionsHistorySchema, QuestionTypeSchema } from '../questions/schemas.ts';
import { CpEntrySchema, ForecastSchema, MethodSchema, NumberOrNull } from './cp-schemas.ts';

export const FORECAST_TAGS = ['forecasts'];

export const ComponentSchema = Type.Object(
  {
    center: Type.Union([Type.Number(), Type.String({ maxLength: 64 })], {
      description:
        "Centre in the question's own units (numeric/discrete: a value; date: unix seconds or an RFC 3339 date-time)",
    }),
    scale: Type.Number({
      exclusiveMinimum: 0,
      description: 'Logistic scale on the unscaled axis, as a fraction of the range (e.g. 0.05)',
    }),
    weight: Type.Number({ exclusiveMinimum: 0, description: 'Relative weight' }),
  },
  { additionalProperties: false },
);

export const ForecastBodySchema = Type.Object(
  {
    probability_yes: Type.Optional(
      Type.Number({ description: 'Binary: P(yes) in [0.001, 0.999]' }),
    ),
    probability_yes_per_category: Type.Optional(
      Type.Record(Type.String({ maxLength: 200 }), NumberOrNull, {
        description:
          'Multiple choice: {label: probability} for every current option, summing to 1 within 1e-9',
        maxProperties: 100,
      }),
    ),
    continuous_cdf: Type.Optional(
      Type.Array(Type.Number(), {
        maxItems: 100_001,
        description: 'Continuous: inbound_outcome_count + 1 CDF values',
      }),
    ),
    components: Type.Optional(
      Type.Array(ComponentSchema, {
        minItems: 1,
        maxItems: 3,
        description: 'Continuous: 1–3 logistic components; the server builds the CDF',
      }),
    ),
    end_time: Type.Optional(DateTime('Auto-withdraw at this instant (at least 1 s from now)')),
    normalize: Type.Optional(
      Type.Boolean({ description: 'Multiple choice: rescale a sum in [0.5, 1.5] to 1' }),
    ),
  },
  { additionalProperties: false },
);

export const ReaffirmBodySchema = Type.Object(
  { end_time: Type.Optional(DateTime('Auto-withdraw at this instant')) },
  { additionalProperties: false },
);

export const IdempotencyHeadersSchema = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      maxLength: 200,
      description: 'Retries with the same key and body return the first result',
    }),
  ),
});

export const ForecastCreatedSchema = Type.Object(
  {
    forecast: ForecastSchema,
    community_prediction: Nullable(CpEntrySchema, { description: 'null while hidden from you' }),
    rationale_prompt: Type.Optional(
      Nullable(
        Type.Object({
          move_points: Type.Number({ description: 'Largest change of any probability, in points' }),
          threshold_points: Type.Number({ description: 'RATIONALE_PROMPT_POINTS' }),
        }),
        {
          description:
            'Set when this forecast moved your standing one by at least the threshold: clients ask for a comment explaining why (null otherwise; absent on reaffirm)',
        },
      ),
    ),
  },
  { additionalProperties: true },
);

export const WithdrawnSchema = Type.Object(
  { community_prediction: Nullable(CpEntrySchema) },
  { additionalProperties: true },
);

/** Your own forecasts come 50 to a page. */
export const ForecastPageQuerySchema = PageQuerySchema(50);

export const ForecastPageSchema = PageSchema(ForecastSchema);

export const HistoryQuerySchema = Type.Object({
  method: Type.Optional(MethodSchema),
  points: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: MAX_HISTORY_POINTS,
      description: 'Most entries to return (default 400); chosen evenly in time',
    }),
  ),
});

export const HistorySchema = Type.Object({
  question_id: Type.Integer(),
  method: MethodSchema,
  entry_count: Type.Integer({ description: 'Entries stored (full resolution)' }),
  entries: Type.Array(CpEntrySchema),
});

export const MethodQuerySchema = Type.Object({ method: Type.Optional(MethodSchema) });

export const CpAtQuerySchema = Type.Object({
  at: Type.Optional(DateTime('Instant to query (default: now)')),
  method: Type.Optional(MethodSchema),
});

export const CpAtSchema = Type.Object({
  question_id: Type.Integer(),
  at: DateTime(),
  method: MethodSchema,
  community_prediction: Nullable(CpEntrySchema, {
    description: 'null when no forecast is active then',
  }),
});

/** Unix seconds, as the bundle writes every instant. */
const UnixTime = Type.Number({ description: 'unix seconds' });

const BundleSchema = Type.Object(
  {
    question: Type.Object(
      {
        id: Type.Integer(),
        type: QuestionTypeSchema,
        title: Type.String(),
        open_time: UnixTime,
        scheduled_close_time: UnixTime,
        actual_close_time: Nullable(UnixTime),
        range_min: Type.Optional(Type.Number({ description: 'continuous; on the CDF axis' })),
        range_max: Type.Optional(Type.Number()),
        zero_point: Type.Optional(Nullable(Type.Number())),
        open_lower_bound: Type.Optional(Type.Boolean()),
        open_upper_bound: Type.Optional(Type.Boolean()),
        inbound_outcome_count: Type.Optional(Nullable(Type.Integer())),
        unit: Type.Optional(Type.String()),
        options: Type.Optional(Type.Array(Type.String(), { description: 'multiple choice' })),
        options_history: Type.Optional(OptionsHistorySchema),
        resolution: Type.Optional(Type.String({ description: 'once resolved' })),
        spot_scoring_time: Type.Optional(Nullable(UnixTime)),
      },
      { additionalProperties: false },
    ),
    forecasts: Type.Array(
      Type.Object(
        {
          id: Type.Integer({ description: '1…m in the order they were made' }),
          user_id: Type.Integer({ description: 'a pseudonym: 1…n by first forecast' }),
          start_time: UnixTime,
          end_time: Nullable(UnixTime),
          probability_yes: Type.Optional(Type.Number()),
          probability_yes_per_category: Type.Optional(Type.Array(NumberOrNull)),
          continuous_cdf: Type.Optional(Type.Array(Type.Number())),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

/**
 * The route sends the bundle as JSON text, exactly as the service made it (a schema-driven
 * serializer would silently drop any field the schema missed), hence `Unsafe<string>`.
 */
export const BundleResponse = {
  description: 'docs/maths.md §16.1: `brier aggregate` reproduces the history from it',
  content: { 'application/json': { schema: Type.Unsafe<string>(BundleSchema) } },
};

export const CsvSchema = TextResponse('text/csv', 'RFC 4180 CSV with a header row');
