-- Who follows what: questions, articles, tournaments and users. The target is generic
-- (target_type + target_id) and has no foreign key, because articles live in a table of a later
-- migration and a follow must not stop a target from being deleted; readers join what they know
-- and ignore follows of targets that are gone.
create table follows (
  user_id bigint not null references users (id) on delete cascade,
  target_type text not null check (target_type in ('question', 'article', 'tournament', 'user')),
  target_id bigint not null,
  -- An unfollow is kept as a muted row, so that forecasting again does not follow again.
  is_muted boolean not null default false,
  created_at timestamptz not null default now(),
  primary key (user_id, target_type, target_id)
);
-- "Who follows question 7?" for every event fan-out.
create index follows_target_idx on follows (target_type, target_id) where not is_muted;

-- Per-user notification settings: how each event kind reaches the user ('in_app', 'email' =
-- in-app and e-mail, 'off'); kinds without a row use the default of docs/decisions.md.
create table notification_preferences (
  user_id bigint not null references users (id) on delete cascade,
  kind text not null,
  channel text not null check (channel in ('in_app', 'email', 'off')),
  primary key (user_id, kind)
);

-- The CP-move alert threshold (percentage points) and the weekly digest's last run, per user.
create table notification_settings (
  user_id bigint primary key references users (id) on delete cascade,
  cp_move_threshold integer not null default 10 check (cp_move_threshold between 1 and 100),
  last_digest_at timestamptz
);

-- The hysteresis state of CP-move alerts (src/domain/cp-move-alert.ts), per user and question:
-- the CP vector the next move is measured from and when the last alert went out.
create table cp_move_alert_states (
  user_id bigint not null references users (id) on delete cascade,
  question_id bigint not null references questions (id) on delete cascade,
  reference_centers double precision[] not null,
  last_alert_at timestamptz,
  primary key (user_id, question_id)
);
