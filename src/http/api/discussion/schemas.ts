// Request and response shapes of articles, comments, reports and moderation.
import { Type } from '@sinclair/typebox';
import {
  COMMENT_SORTS,
  MAX_ARTICLE_LENGTH,
  MAX_COMMENT_LENGTH,
  MAX_REPORT_REASON_LENGTH,
} from '../../../domain/discussion.ts';
import { PageSchema, pageQueryProperties } from '../kit/pagination.ts';
import { DateTime, Id, Nullable, UserRefSchema } from '../kit/schemas.ts';

export const ARTICLE_TAGS = ['articles'];
export const COMMENT_TAGS = ['comments'];
export const MODERATION_TAGS = ['admin'];

export const ArticleKeyParamsSchema = Type.Object({
  slug: Type.String({ minLength: 1, maxLength: 80, description: 'The slug, or the numeric id' }),
});

const articleFields = {
  title: Type.String({ minLength: 1, maxLength: 200 }),
  slug: Type.String({
    minLength: 1,
    maxLength: 80,
    description: 'Defaults to one made from the title',
  }),
  summary: Type.String({ maxLength: 500 }),
  body: Type.String({
    maxLength: MAX_ARTICLE_LENGTH,
    description:
      'Markdown (raw HTML is not rendered); {{question:ID}} and {{scenarios:ID}} alone on a line embed live question cards',
  }),
  tags: Type.Array(Type.String({ maxLength: 40 }), { maxItems: 10 }),
  tournament_id: Nullable(Id()),
};

export const ArticleCreateSchema = Type.Object(
  {
    title: articleFields.title,
    slug: Type.Optional(articleFields.slug),
    summary: Type.Optional(articleFields.summary),
    body: Type.Optional(articleFields.body),
    tags: Type.Optional(articleFields.tags),
    tournament_id: Type.Optional(articleFields.tournament_id),
  },
  { additionalProperties: false },
);

export const ArticlePatchSchema = Type.Partial(Type.Object(articleFields), {
  additionalProperties: false,
  minProperties: 1,
});

export const ArticleSchema = Type.Object({
  id: Type.Integer(),
  slug: Type.String(),
  url: Type.String({ description: 'The article page' }),
  title: Type.String(),
  summary: Type.String(),
  body: Type.String({ description: 'Markdown source' }),
  html: Type.String({ description: 'Sanitised HTML; shortcodes are left as written' }),
  tags: Type.Array(Type.String()),
  tournament_id: Nullable(Type.Integer()),
  author: UserRefSchema,
  status: Type.Union([Type.Literal('draft'), Type.Literal('published')]),
  published_at: Nullable(DateTime()),
  is_hidden: Type.Boolean(),
  embedded_question_ids: Type.Array(Type.Integer()),
  created_at: DateTime(),
  updated_at: DateTime(),
});

export const ArticleSummarySchema = Type.Object({
  id: Type.Integer(),
  slug: Type.String(),
  url: Type.String(),
  title: Type.String(),
  summary: Type.String(),
  tags: Type.Array(Type.String()),
  author: UserRefSchema,
  status: Type.Union([Type.Literal('draft'), Type.Literal('published')]),
  published_at: Nullable(DateTime()),
});

export const ArticleListQuerySchema = Type.Object(
  {
    ...pageQueryProperties(20),
    author: Type.Optional(Type.String({ maxLength: 30 })),
    tag: Type.Optional(Type.String({ maxLength: 40 })),
    include_drafts: Type.Optional(
      Type.Boolean({
        description: 'With author: the author\u2019s drafts too (the author or a moderator)',
      }),
    ),
  },
  { additionalProperties: false },
);

export const ArticlePageSchema = PageSchema(ArticleSummarySchema);

export const ArticleRevisionSchema = Type.Object({
  id: Type.Integer(),
  editor: Nullable(Type.String()),
  title: Type.String(),
  summary: Type.String(),
  body: Type.String(),
  tags: Type.Array(Type.String()),
  created_at: DateTime(),
});

export const ArticleRevisionsSchema = Type.Object({ items: Type.Array(ArticleRevisionSchema) });

const TargetTypeSchema = Type.Union([Type.Literal('question'), Type.Literal('article')]);

export const CommentListQuerySchema = Type.Object(
  {
    ...pageQueryProperties(20),
    target_type: TargetTypeSchema,
    target_id: Id(),
    sort: Type.Optional(
      Type.Union(
        COMMENT_SORTS.map((sort) => Type.Literal(sort)),
        { default: 'minds_changed' },
      ),
    ),
  },
  { additionalProperties: false },
);

export const CommentCreateSchema = Type.Object(
  {
    target_type: TargetTypeSchema,
    target_id: Id(),
    parent_id: Type.Optional(Nullable(Id('Reply to this comment'))),
    body: Type.String({ minLength: 1, maxLength: MAX_COMMENT_LENGTH, description: 'Markdown' }),
  },
  { additionalProperties: false },
);

export const CommentPatchSchema = Type.Object(
  { body: Type.String({ minLength: 1, maxLength: MAX_COMMENT_LENGTH }) },
  { additionalProperties: false },
);

export const VoteSchema = Type.Object(
  {
    value: Type.Union([Type.Literal(1), Type.Literal(0), Type.Literal(-1)], {
      description: '1 up, -1 down, 0 clears your vote',
    }),
  },
  { additionalProperties: false },
);

export const ChangedMindSchema = Type.Object(
  {
    changed: Type.Optional(
      Type.Boolean({ default: true, description: 'false takes your mark back' }),
    ),
  },
  { additionalProperties: false },
);

const SnapshotSchema = Nullable(
  Type.Object({
    label: Type.String({ description: 'e.g. "72 %", "Détente 45 %", "median 15.2 %"' }),
    vector: Nullable(Type.Array(Type.Number())),
  }),
);

const commentFields = {
  id: Type.Integer(),
  target_type: TargetTypeSchema,
  target_id: Type.Integer(),
  parent_id: Nullable(Type.Integer()),
  author: UserRefSchema,
  body: Nullable(Type.String(), { description: 'null once deleted or hidden' }),
  html: Nullable(Type.String(), { description: 'Sanitised HTML of body' }),
  state: Type.Union([Type.Literal('visible'), Type.Literal('deleted'), Type.Literal('hidden')]),
  created_at: DateTime(),
  edited_at: Nullable(DateTime()),
  upvotes: Type.Integer(),
  downvotes: Type.Integer(),
  minds_changed: Type.Integer(),
  my_vote: Type.Integer({ minimum: -1, maximum: 1 }),
  changed_my_mind: Type.Boolean(),
  forecast_at_posting: SnapshotSchema,
  forecast_now: SnapshotSchema,
  forecast_question: Nullable(Type.Object({ id: Type.Integer(), title: Type.String() }), {
    description: 'Article comments: the embedded question the forecasts are on',
  }),
};

export const CommentSchema = Type.Object(commentFields);

export const CommentThreadSchema = Type.Object({
  ...commentFields,
  replies: Type.Array(CommentSchema, {
    description: 'Every reply in the thread, oldest first; parent_id says what each answers',
  }),
});

export const CommentPageSchema = Type.Object({
  items: Type.Array(CommentThreadSchema),
  next_cursor: Nullable(Type.String(), { description: 'null on the last page' }),
  sort: Type.String(),
  total: Type.Integer({ description: 'Root comments in the discussion' }),
});

export const CommentRevisionsSchema = Type.Object({
  items: Type.Array(
    Type.Object({ id: Type.Integer(), body: Type.String(), created_at: DateTime() }),
  ),
});

export const ReportCreateSchema = Type.Object(
  {
    target_type: Type.Union([Type.Literal('comment'), Type.Literal('article')]),
    target_id: Id(),
    reason: Type.String({ minLength: 1, maxLength: MAX_REPORT_REASON_LENGTH }),
  },
  { additionalProperties: false },
);

export const ReportCreatedSchema = Type.Object({ id: Type.Integer() });

export const QueueItemSchema = Type.Object({
  id: Type.Integer(),
  target_type: Type.Union([Type.Literal('comment'), Type.Literal('article')]),
  target_id: Type.Integer(),
  reason: Type.String(),
  reporter: Type.String(),
  created_at: DateTime(),
  excerpt: Type.String(),
  author: Type.String(),
  url: Type.String(),
  is_hidden: Type.Boolean(),
});

export const QueuePageSchema = PageSchema(QueueItemSchema);

export const HideParamsSchema = Type.Object({
  target_type: Type.Union([Type.Literal('comments'), Type.Literal('articles')]),
  id: Id(),
});

export const HideBodySchema = Type.Object(
  { note: Type.Optional(Type.String({ maxLength: 1000 })) },
  { additionalProperties: false },
);

export const HiddenSchema = Type.Object({
  is_hidden: Type.Boolean(),
  reports_closed: Type.Integer(),
});

export const DismissedSchema = Type.Object({ reports_closed: Type.Integer() });

export const SuspensionBodySchema = Type.Object(
  {
    until: DateTime('End of the suspension (in the future)'),
    reason: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);

export const SuspensionSchema = Type.Object({ suspended_until: Nullable(DateTime()) });
