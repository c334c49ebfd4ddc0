-- Forecasts (one row per update, never rewritten), the stored CP history and idempotency results.
create table forecasts (
  id bigserial primary key,
  question_id bigint not null references questions (id),
  user_id bigint not null references users (id),
  -- whole seconds, so exported bundles (unix seconds) reproduce the stored history exactly
  start_time timestamptz not null,
  end_time timestamptz,
  probability_yes double precision,
  probability_yes_per_category double precision[],
  continuous_cdf double precision[],
  created_at timestamptz not null default now()
);
create index forecasts_question_time_idx on forecasts (question_id, start_time, id);
create index forecasts_user_idx on forecasts (user_id, question_id, start_time);
-- At most one forecast of a user per question without an end (docs/maths.md §14.2).
create unique index forecasts_one_standing_idx on forecasts (question_id, user_id) where end_time is null;
-- Auto-withdrawals still to be applied to the CP history (services/forecasts/cp-history-writer.ts).
create index forecasts_question_end_idx on forecasts (question_id, end_time) where end_time is not null;

create table cp_entries (
  question_id bigint not null references questions (id),
  method text not null,
  seq integer not null,
  start_time timestamptz not null,
  end_time timestamptz,
  forecaster_count integer not null,
  forecast_values double precision[] not null,
  interval_lower_bounds double precision[] not null,
  centers double precision[] not null,
  interval_upper_bounds double precision[] not null,
  means double precision[],
  primary key (question_id, method, seq)
);

-- Per question: a fresh `version` (from a sequence, so a rolled-back value is never reused) on
-- every CP event, so an instance can tell whether its cached engine state is current;
-- `processed_until` = the instant (unix seconds) the stored history has been brought up to.
create sequence cp_states_version_seq;
create table cp_states (
  question_id bigint primary key references questions (id),
  version bigint not null default 0,
  processed_until bigint not null default 0,
  updated_at timestamptz not null default now()
);

create table idempotency_keys (
  user_id bigint not null references users (id) on delete cascade,
  key text not null,
  request_hash text not null,
  status_code integer not null,
  response jsonb not null,
  created_at timestamptz not null default now(),
  primary key (user_id, key)
);
