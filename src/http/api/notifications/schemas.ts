// Request and response shapes of /api/v1/me/notifications, /me/follows and
// /me/notification-settings.
import { Type } from '@sinclair/typebox';
import { NOTIFICATION_KINDS } from '../../../domain/notifications.ts';
import { PageSchema, pageQueryProperties } from '../kit/pagination.ts';
import { DateTime, FreeObject, Id, Nullable } from '../kit/schemas.ts';

export const FollowTargetTypeSchema = Type.Union([
  Type.Literal('question'),
  Type.Literal('article'),
  Type.Literal('tournament'),
  Type.Literal('user'),
]);

export const FollowParamsSchema = Type.Object({
  target_type: FollowTargetTypeSchema,
  target_id: Id(),
});

export const FollowStateSchema = Type.Object({
  target_type: FollowTargetTypeSchema,
  target_id: Type.Integer(),
  following: Type.Boolean(),
});

export const FollowSchema = Type.Object({
  target_type: FollowTargetTypeSchema,
  target_id: Type.Integer(),
  title: Nullable(Type.String(), { description: 'null for articles and targets that are gone' }),
  url: Nullable(Type.String({ description: 'The page of the target on this site' })),
  created_at: DateTime('When you started following; RFC 3339, UTC'),
});

export const FollowPageQuerySchema = Type.Object(
  { ...pageQueryProperties(50), target_type: Type.Optional(FollowTargetTypeSchema) },
  { additionalProperties: false },
);

export const FollowListSchema = PageSchema(FollowSchema);

export const NotificationSchema = Type.Object({
  id: Type.Integer(),
  kind: Type.String({ description: 'e.g. question_opened, cp_moved, reply; new kinds may appear' }),
  question_id: Nullable(Type.Integer()),
  text: Type.String({ description: 'The sentence the notifications page shows' }),
  url: Type.String({ description: 'The page it is about, a path on this site' }),
  excerpt: Nullable(Type.String()),
  payload: FreeObject('The event’s details, by kind'),
  created_at: DateTime('RFC 3339, UTC'),
  read_at: Nullable(DateTime('RFC 3339, UTC')),
});

export const NotificationPageQuerySchema = Type.Object(pageQueryProperties(50), {
  additionalProperties: false,
});

export const NotificationListSchema = PageSchema(NotificationSchema);

export const UnreadCountSchema = Type.Object({ unread_count: Type.Integer({ minimum: 0 }) });

export const MarkedSchema = Type.Object({
  marked: Type.Integer({ minimum: 0, description: 'How many notifications became read' }),
});

const ChannelSchema = Type.Union(
  [Type.Literal('in_app'), Type.Literal('email'), Type.Literal('off')],
  {
    description: 'in_app; email (in-app and e-mail); off',
  },
);

export const NotificationSettingsSchema = Type.Object({
  cp_move_threshold: Type.Integer({
    minimum: 1,
    maximum: 100,
    description: 'CP moves of at least this many percentage points alert you',
  }),
  email_enabled: Type.Boolean({
    description: 'false after "unsubscribe from all": e-mail channels act as in_app',
  }),
  channels: Type.Array(
    Type.Object({ kind: Type.String(), label: Type.String(), channel: ChannelSchema }),
  ),
});

export const NotificationSettingsPatchSchema = Type.Object(
  {
    cp_move_threshold: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
    email_enabled: Type.Optional(Type.Boolean()),
    channels: Type.Optional(
      Type.Record(Type.String({ maxLength: 40 }), ChannelSchema, {
        description: `Kind → channel; kinds: ${NOTIFICATION_KINDS.map((info) => info.kind).join(', ')}`,
        maxProperties: 50,
      }),
    ),
  },
  { additionalProperties: false },
);
