-- Scores of a resolved question (docs/maths.md §10–12): one row per forecaster or CP method and
-- score type. Written in the same transaction that resolves the question and deleted when it is
-- re-resolved or annulled, so a question has rows here if and only if it is resolved with a
-- scorable outcome. Resolution writes them; leaderboards, track records and profiles read them.
create table scores (
  id bigserial primary key,
  question_id bigint not null references questions (id) on delete cascade,
  -- exactly one of user_id (a forecaster) and aggregation_method (the CP scored as a forecaster)
  user_id bigint references users (id) on delete cascade,
  aggregation_method text,
  -- baseline, peer, spot_baseline, spot_peer, relative_legacy, brier, spot_brier, log, spot_log
  score_type text not null,
  score double precision not null,
  coverage double precision not null,
  created_at timestamptz not null default now(),
  check ((user_id is null) <> (aggregation_method is null))
);
create unique index scores_user_key on scores (question_id, user_id, score_type)
  where user_id is not null;
create unique index scores_aggregation_key on scores (question_id, aggregation_method, score_type)
  where aggregation_method is not null;
create index scores_user_idx on scores (user_id, score_type) where user_id is not null;
