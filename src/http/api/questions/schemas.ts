// Request and response shapes of /api/v1/questions/* (validation and the OpenAPI document).
import { Type } from '@sinclair/typebox';
import {
  MAX_INBOUND_OUTCOME_COUNT,
  MAX_LONG_TEXT_LENGTH,
  MAX_OPTION_DESCRIPTION_LENGTH,
  MAX_OPTION_LABEL_LENGTH,
  MAX_OPTIONS,
  MAX_SOURCES,
  MAX_TAG_LENGTH,
  MAX_TAGS,
  MAX_TITLE_LENGTH,
  MAX_UNIT_LENGTH,
} from '../../../domain/question-fields.ts';
import { MAX_REVIEW_NOTE_LENGTH } from '../../../services/questions/reject-question.ts';
import { CpEntrySchema, ForecastSchema } from '../forecasts/cp-schemas.ts';
import { PageSchema, pageQueryProperties } from '../kit/pagination.ts';
import { DateTime, FreeObject, Id, Nullable, UserRefSchema } from '../kit/schemas.ts';

export const QUESTION_TAGS = ['questions'];

export const QuestionTypeSchema = Type.Union(
  [
    Type.Literal('binary'),
    Type.Literal('multiple_choice'),
    Type.Literal('numeric'),
    Type.Literal('date'),
    Type.Literal('discrete'),
  ],
  { description: 'binary, multiple_choice, numeric, date or discrete' },
);

export const QuestionStatusSchema = Type.Union([
  Type.Literal('draft'),
  Type.Literal('in_review'),
  Type.Literal('scheduled'),
  Type.Literal('open'),
  Type.Literal('closed'),
  Type.Literal('resolution_proposed'),
  Type.Literal('resolved'),
  Type.Literal('annulled'),
]);

const SourceSchema = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: MAX_TITLE_LENGTH }),
    url: Type.String({ minLength: 1, maxLength: 2000, description: 'http(s) URL' }),
  },
  { additionalProperties: false },
);

const OptionInputSchema = Type.Object(
  {
    label: Type.String({ minLength: 1, maxLength: MAX_OPTION_LABEL_LENGTH }),
    description: Type.Optional(
      Type.String({
        maxLength: MAX_OPTION_DESCRIPTION_LENGTH,
        description: 'What this option (scenario) means, in observable terms',
      }),
    ),
  },
  { additionalProperties: false },
);

const RangeValueSchema = Type.Union([Type.Number(), DateTime()], {
  description:
    'numeric: a number; date: an RFC 3339 date-time; discrete: the lowest/highest whole outcome',
});

const LongText = (description: string) =>
  Type.String({ maxLength: MAX_LONG_TEXT_LENGTH, description });

const questionContentProperties = {
  type: QuestionTypeSchema,
  title: Type.String({ minLength: 1, maxLength: MAX_TITLE_LENGTH }),
  description: Type.Optional(LongText('Markdown, stored raw')),
  resolution_criteria: Type.Optional(LongText('How the question resolves')),
  fine_print: Type.Optional(LongText('Edge cases and definitions')),
  sources: Type.Optional(Type.Array(SourceSchema, { maxItems: MAX_SOURCES })),
  tags: Type.Optional(
    Type.Array(Type.String({ minLength: 1, maxLength: MAX_TAG_LENGTH }), { maxItems: MAX_TAGS }),
  ),
  tournament_id: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
  open_time: Type.Optional(Nullable(DateTime('Proposed opening (fixed at approval)'))),
  scheduled_close_time: Type.Optional(Nullable(DateTime('Proposed close'))),
  scheduled_resolve_time: Type.Optional(Nullable(DateTime('Proposed resolution date'))),
  cp_reveal_time: Type.Optional(Nullable(DateTime('CP hidden until then'))),
  range_min: Type.Optional(Nullable(RangeValueSchema)),
  range_max: Type.Optional(Nullable(RangeValueSchema)),
  zero_point: Type.Optional(
    Nullable(Type.Union([Type.Number(), DateTime()]), {
      description: 'Log scale when set; must lie outside [range_min, range_max]',
    }),
  ),
  open_lower_bound: Type.Optional(Nullable(Type.Boolean())),
  open_upper_bound: Type.Optional(Nullable(Type.Boolean())),
  inbound_outcome_count: Type.Optional(
    Nullable(
      Type.Integer({
        minimum: 2,
        maximum: MAX_INBOUND_OUTCOME_COUNT,
        description: 'CDF resolution n (default 200); discrete: the number of outcomes',
      }),
    ),
  ),
  unit: Type.Optional(Nullable(Type.String({ maxLength: MAX_UNIT_LENGTH }))),
  options: Type.Optional(
    Nullable(
      Type.Array(OptionInputSchema, {
        minItems: 2,
        maxItems: MAX_OPTIONS,
        description: 'Multiple choice: unique labels, the last one is the catch-all',
      }),
    ),
  ),
  is_forecast_before_crowd: Type.Optional(Type.Boolean()),
};

export const CreateQuestionBodySchema = Type.Object(questionContentProperties, {
  additionalProperties: false,
});

export const UpdateQuestionBodySchema = Type.Partial(
  Type.Object(questionContentProperties, { additionalProperties: false }),
  { additionalProperties: false, minProperties: 1 },
);

export const ApproveBodySchema = Type.Object(
  {
    open_time: Type.Optional(DateTime('Opening; now or earlier opens at once')),
    scheduled_close_time: Type.Optional(DateTime('Closing, in the future')),
    scheduled_resolve_time: Type.Optional(DateTime('Not before the close')),
    cp_reveal_time: Type.Optional(Nullable(DateTime('Between open and close; null = at once'))),
  },
  { additionalProperties: false },
);

export const RejectBodySchema = Type.Object(
  { note: Type.String({ minLength: 1, maxLength: MAX_REVIEW_NOTE_LENGTH }) },
  { additionalProperties: false },
);

export const AddOptionBodySchema = Type.Object(
  {
    label: Type.String({ minLength: 1, maxLength: MAX_OPTION_LABEL_LENGTH }),
    description: Type.Optional(Type.String({ maxLength: MAX_OPTION_DESCRIPTION_LENGTH })),
  },
  { additionalProperties: false },
);

export const ClarifyBodySchema = Type.Object(
  {
    body: Type.String({ minLength: 1, maxLength: MAX_LONG_TEXT_LENGTH, description: 'The note' }),
    field: Type.Optional(
      Nullable(Type.Union([Type.Literal('description'), Type.Literal('fine_print')]), {
        description: 'The text this clarification amends (resolution criteria never change)',
      }),
    ),
    new_text: Type.Optional(Nullable(Type.String({ maxLength: MAX_LONG_TEXT_LENGTH }))),
  },
  { additionalProperties: false },
);

export const ConditionalBodySchema = Type.Object(
  { parent_id: Id('The condition: binary or multiple choice'), child_id: Id() },
  { additionalProperties: false },
);

/** Question lists and audit logs come 20 to a page. */
export const QUESTION_PAGE_SIZE = 20;

export const ListQuestionsQuerySchema = Type.Object(
  {
    status: Type.Optional(
      Type.String({
        maxLength: 200,
        description: 'One status or several, comma-separated (default: scheduled and later)',
      }),
    ),
    type: Type.Optional(QuestionTypeSchema),
    tag: Type.Optional(Type.String({ minLength: 1, maxLength: MAX_TAG_LENGTH })),
    tournament: Type.Optional(Id()),
    q: Type.Optional(Type.String({ maxLength: 200, description: 'Text in title or description' })),
    mine: Type.Optional(Type.Boolean({ description: 'Only your own questions, drafts included' })),
    ...pageQueryProperties(QUESTION_PAGE_SIZE),
  },
  { additionalProperties: false },
);

// ---- responses -------------------------------------------------------------------------------

export const OptionsHistorySchema = Type.Array(
  Type.Tuple([Type.String(), Type.Array(Type.String())]),
  { description: '[[RFC 3339 time, labels]] — each change of the option list' },
);

export const QuestionSchema = Type.Object({
  id: Type.Integer(),
  type: QuestionTypeSchema,
  status: QuestionStatusSchema,
  title: Type.String(),
  description: Type.String(),
  resolution_criteria: Type.String(),
  fine_print: Type.String(),
  sources: Type.Array(Type.Object({ title: Type.String(), url: Type.String() })),
  tags: Type.Array(Type.String()),
  author: UserRefSchema,
  tournament_id: Nullable(Type.Integer()),
  question_weight: Type.Number(),
  open_time: Nullable(Type.String()),
  scheduled_close_time: Nullable(Type.String()),
  scheduled_resolve_time: Nullable(Type.String()),
  cp_reveal_time: Nullable(Type.String()),
  actual_close_time: Nullable(Type.String()),
  range_min: Nullable(Type.Union([Type.Number(), Type.String()])),
  range_max: Nullable(Type.Union([Type.Number(), Type.String()])),
  zero_point: Nullable(Type.Union([Type.Number(), Type.String()])),
  open_lower_bound: Nullable(Type.Boolean()),
  open_upper_bound: Nullable(Type.Boolean()),
  inbound_outcome_count: Nullable(Type.Integer()),
  unit: Type.String(),
  scaling: Nullable(
    Type.Object(
      {
        range_min: Type.Number(),
        range_max: Type.Number(),
        zero_point: Nullable(Type.Number()),
      },
      {
        description:
          'The axis the CDF is defined on: unix seconds for dates, padded by 0.5 for discrete',
      },
    ),
  ),
  options: Nullable(Type.Array(Type.Object({ label: Type.String(), description: Type.String() }))),
  options_history: Nullable(OptionsHistorySchema),
  all_options: Nullable(
    Type.Array(Type.String(), {
      description: 'Every option ever listed, catch-all last: the order of MC vectors',
    }),
  ),
  condition_parent_id: Nullable(Type.Integer()),
  condition_child_id: Nullable(Type.Integer()),
  condition_outcome: Nullable(Type.String()),
  is_forecast_before_crowd: Type.Boolean(),
  review_note: Nullable(Type.String()),
  resolution: Nullable(Type.String()),
  resolved_at: Nullable(Type.String()),
  created_at: Type.String(),
  updated_at: Type.String(),
});

export const QuestionDetailSchema = Type.Composite([
  QuestionSchema,
  Type.Object({
    community_prediction: Nullable(CpEntrySchema, { description: 'null while hidden or empty' }),
    my_forecast: Nullable(ForecastSchema, { description: 'your standing forecast' }),
    forecaster_count: Type.Integer(),
  }),
]);

export const QuestionPageSchema = PageSchema(QuestionSchema);

const DiffLineSchema = Type.Object({
  op: Type.Union([Type.Literal('same'), Type.Literal('added'), Type.Literal('removed')]),
  text: Type.String(),
});

export const ClarificationSchema = Type.Object({
  id: Type.Integer(),
  question_id: Type.Integer(),
  version: Type.Integer(),
  body: Type.String(),
  field: Nullable(Type.String()),
  previous_text: Nullable(Type.String()),
  new_text: Nullable(Type.String()),
  diff: Nullable(Type.Array(DiffLineSchema)),
  author: UserRefSchema,
  created_at: Type.String(),
});

export const ClarificationPageSchema = PageSchema(ClarificationSchema);

export const AuditEntrySchema = Type.Object({
  id: Type.Integer(),
  action: Type.String(),
  actor: Nullable(UserRefSchema, { description: 'null = the system (a job)' }),
  target_type: Type.String(),
  target_id: Type.Integer(),
  details: FreeObject(),
  created_at: Type.String(),
});

export const AuditPageSchema = PageSchema(AuditEntrySchema);

const BranchSchema = Type.Object({
  outcome: Type.String(),
  question: QuestionSchema,
  community_prediction: Nullable(CpEntrySchema),
  forecaster_count: Type.Integer(),
  parent_probability: Nullable(Type.Number()),
  child_probability: Nullable(Type.Number()),
});

export const ConditionalsSchema = Type.Object({
  child_id: Type.Integer(),
  child_probability: Nullable(Type.Number({ description: "The child's own CP, binary only" })),
  is_incoherent: Type.Boolean(),
  items: Type.Array(
    Type.Object({
      parent: QuestionSchema,
      parent_community_prediction: Nullable(CpEntrySchema),
      branches: Type.Array(BranchSchema),
      implied_marginal: Nullable(Type.Number()),
      is_incoherent: Type.Boolean(),
    }),
  ),
});

export const CreatedConditionalsSchema = Type.Object({
  parent_id: Type.Integer(),
  child_id: Type.Integer(),
  branches: Type.Array(QuestionSchema),
});
