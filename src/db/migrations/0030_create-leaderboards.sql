-- Stored leaderboards (docs/decisions.md "Leaderboards and track records"): every board is
-- computed by core/leaderboards from the scores table and stored here, so a page view reads a
-- few rows instead of scanning scores. refreshLeaderboards() rewrites them after every
-- resolution (and an hourly job); a finalised tournament's board is frozen with its prizes and
-- medals.
alter table tournaments add column finalize_time timestamptz;
alter table tournaments add column finalized_at timestamptz;

create table leaderboards (
  -- 'peer_global:all', 'baseline_global:2026', 'peer_global:last-90-days', 'tournament:12'
  key text primary key,
  score_type text not null,
  tournament_id bigint references tournaments (id) on delete cascade,
  -- 'all', a year ('2026') or 'last-90-days'; 'tournament' for tournament boards
  time_window text not null,
  window_start timestamptz,
  window_end timestamptz,
  question_count integer not null,
  -- rows shown (exclusion status ≤ 2), so a page needs no count(*)
  entry_count integer not null default 0,
  is_finalized boolean not null default false,
  computed_at timestamptz not null
);

create table leaderboard_entries (
  leaderboard_key text not null references leaderboards (key) on delete cascade,
  -- 0-based ranked order of core buildLeaderboard
  position integer not null,
  user_id bigint references users (id) on delete cascade,
  aggregation_method text,
  score double precision not null,
  coverage double precision not null,
  contribution_count integer not null,
  take double precision,
  rank integer not null,
  exclusion_status smallint not null,
  percent_prize double precision not null,
  prize double precision,
  medal text check (medal in ('gold', 'silver', 'bronze')),
  primary key (leaderboard_key, position),
  check ((user_id is null) <> (aggregation_method is null))
);
create index leaderboard_entries_user_idx on leaderboard_entries (user_id, leaderboard_key)
  where user_id is not null;
