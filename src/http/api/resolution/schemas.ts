// Request and response shapes of the resolution workflow (/api/v1/questions/{id}/resolution…).
import { Type } from '@sinclair/typebox';
import { DateTime, Nullable } from '../kit/schemas.ts';

export const RESOLUTION_TAGS = ['resolution'];

export const MAX_EVIDENCE_ITEMS = 20;
export const MAX_NOTE_LENGTH = 5000;
export const MAX_DISPUTE_REASON_LENGTH = 5000;

const ResolutionValue = Type.String({
  minLength: 1,
  maxLength: 200,
  description:
    'yes/no (binary); an option label (multiple choice); a decimal number (numeric, discrete) or ' +
    'an ISO 8601 date (date) inside the range, or below_lower_bound / above_upper_bound for an ' +
    'open bound; or annulled / ambiguous (no scores). A value the question does not accept is ' +
    '400 INVALID_RESOLUTION.',
});

export const EvidenceSchema = Type.Object(
  {
    url: Type.String({ minLength: 1, maxLength: 2000, description: 'http(s) URL' }),
    note: Type.Optional(Type.String({ maxLength: MAX_NOTE_LENGTH })),
  },
  { additionalProperties: false },
);

export const ProposeBodySchema = Type.Object(
  {
    resolution: ResolutionValue,
    evidence: Type.Array(EvidenceSchema, {
      minItems: 1,
      maxItems: MAX_EVIDENCE_ITEMS,
      description: 'One or more links, each with a note',
    }),
    note: Type.Optional(Type.String({ maxLength: MAX_NOTE_LENGTH })),
    actual_close_time: Type.Optional(
      DateTime('When the outcome became known: not before open_time, not after the recorded close'),
    ),
    dispute_window_hours: Type.Optional(
      Nullable(Type.Number({ minimum: 0, maximum: 8760 }), {
        description:
          "Sets the question's own dispute window (0 = final at the next job tick); null = the " +
          "instance's DISPUTE_WINDOW_HOURS",
      }),
    ),
  },
  { additionalProperties: false },
);

export const ReResolveBodySchema = Type.Object(
  {
    resolution: ResolutionValue,
    evidence: Type.Optional(Type.Array(EvidenceSchema, { maxItems: MAX_EVIDENCE_ITEMS })),
    note: Type.Optional(Type.String({ maxLength: MAX_NOTE_LENGTH })),
    actual_close_time: Type.Optional(DateTime()),
  },
  { additionalProperties: false },
);

export const AnnulBodySchema = Type.Object(
  {
    note: Type.Optional(Type.String({ maxLength: MAX_NOTE_LENGTH })),
    evidence: Type.Optional(Type.Array(EvidenceSchema, { maxItems: MAX_EVIDENCE_ITEMS })),
  },
  { additionalProperties: false },
);

export const DisputeBodySchema = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: MAX_DISPUTE_REASON_LENGTH }) },
  { additionalProperties: false },
);

const DisputeSchema = Type.Object({
  username: Type.String(),
  reason: Type.String(),
  created_at: Type.String(),
});

export const ProposalSchema = Type.Object({
  id: Type.Integer(),
  resolution: Type.String(),
  evidence: Type.Array(Type.Object({ url: Type.String(), note: Type.String() })),
  note: Type.String(),
  kind: Type.Union(
    [
      Type.Literal('proposal'),
      Type.Literal('re_resolution'),
      Type.Literal('annulment'),
      Type.Literal('conditional'),
    ],
    { description: 'conditional: set by the system when a conditional branch settles' },
  ),
  status: Type.Union([
    Type.Literal('pending'),
    Type.Literal('finalized'),
    Type.Literal('withdrawn'),
    Type.Literal('superseded'),
  ]),
  proposed_by: Nullable(Type.String(), { description: 'Username; null = the system' }),
  proposed_at: Type.String(),
  window_ends_at: Type.String({ description: 'Undisputed, a pending proposal is final then' }),
  decided_at: Nullable(Type.String()),
  disputes: Type.Array(DisputeSchema),
});

export const ResolutionSchema = Type.Object({
  question_id: Type.Integer(),
  status: Type.String(),
  resolution: Nullable(Type.String()),
  resolved_at: Nullable(Type.String()),
  actual_close_time: Nullable(Type.String()),
  dispute_window_hours: Type.Number({ description: 'The window a new proposal gets' }),
  current: Nullable(ProposalSchema, {
    description: 'The pending proposal, else the final one in force, else null',
  }),
  proposals: Type.Array(ProposalSchema, { description: 'Every proposal, newest first' }),
});

const ScoreValueSchema = Type.Object({ score: Type.Number(), coverage: Type.Number() });

export const ScoresSchema = Type.Object({
  question_id: Type.Integer(),
  status: Type.String(),
  resolution: Nullable(Type.String()),
  items: Type.Array(
    Type.Object({
      user: Nullable(Type.Object({ id: Type.Integer(), username: Type.String() })),
      aggregation_method: Nullable(Type.String(), {
        description: 'The CP scored as a forecaster (recency_weighted); null for a user',
      }),
      scores: Type.Record(Type.String(), ScoreValueSchema, {
        description:
          'baseline, peer, spot_baseline, spot_peer, relative_legacy, brier, spot_brier, log, ' +
          'spot_log (docs/maths.md §10–12, §15.3); a user has only types with coverage > 0',
      }),
    }),
    { description: 'Empty unless the question is resolved with a scorable outcome; CP first' },
  ),
});

export const QueueSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      question_id: Type.Integer(),
      title: Type.String(),
      status: Type.String(),
      scheduled_resolve_time: Nullable(Type.String()),
      proposal: Nullable(
        Type.Object({
          id: Type.Integer(),
          resolution: Type.String(),
          window_ends_at: Type.String(),
          dispute_count: Type.Integer(),
        }),
      ),
    }),
  ),
});
