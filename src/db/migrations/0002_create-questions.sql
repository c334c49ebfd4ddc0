-- Questions of every type, their tournaments, clarifications and the audit log.
create table tournaments (
  id bigserial primary key,
  slug text not null unique,
  title text not null,
  description text not null default '',
  start_time timestamptz,
  close_time timestamptz,
  score_type text not null default 'peer_tournament',
  prize_pool numeric,
  minimum_prize_amount numeric not null default 0,
  is_finalized boolean not null default false,
  created_at timestamptz not null default now()
);

create table questions (
  id bigserial primary key,
  type text not null check (type in ('binary', 'multiple_choice', 'numeric', 'date', 'discrete')),
  status text not null default 'draft' check (
    status in ('draft', 'in_review', 'scheduled', 'open', 'closed', 'resolution_proposed', 'resolved', 'annulled')
  ),
  title text not null,
  description text not null default '',
  resolution_criteria text not null default '',
  fine_print text not null default '',
  sources jsonb not null default '[]',
  tags text[] not null default '{}',
  author_id bigint not null references users (id),
  tournament_id bigint references tournaments (id),
  question_weight double precision not null default 1,
  -- lifecycle times, set at approval
  open_time timestamptz,
  scheduled_close_time timestamptz,
  scheduled_resolve_time timestamptz,
  cp_reveal_time timestamptz,
  actual_close_time timestamptz,
  -- continuous questions (date: unix seconds; discrete: padded by half a unit)
  range_min double precision,
  range_max double precision,
  zero_point double precision,
  open_lower_bound boolean,
  open_upper_bound boolean,
  inbound_outcome_count integer,
  unit text not null default '',
  -- multiple choice: current options [{label, description}], catch-all last; history of labels
  options jsonb,
  options_history jsonb,
  -- conditional branches: this question is "CHILD if PARENT resolves to condition_outcome"
  condition_parent_id bigint references questions (id),
  condition_child_id bigint references questions (id),
  condition_outcome text,
  is_forecast_before_crowd boolean not null default false,
  review_note text,
  resolution text,
  resolved_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index questions_status_idx on questions (status, id);
create index questions_tags_idx on questions using gin (tags);
create index questions_tournament_idx on questions (tournament_id);
create index questions_author_idx on questions (author_id);
create index questions_condition_parent_idx on questions (condition_parent_id);
create index questions_condition_child_idx on questions (condition_child_id);
-- one branch per (parent, child, parent outcome)
create unique index questions_condition_branch_key
  on questions (condition_parent_id, condition_child_id, condition_outcome)
  where condition_parent_id is not null;

create table question_clarifications (
  id bigserial primary key,
  question_id bigint not null references questions (id) on delete cascade,
  version integer not null,
  -- the note itself; a clarification may also amend one text field (never resolution_criteria)
  note text not null default '',
  field text check (field in ('description', 'fine_print')),
  previous_text text,
  new_text text,
  author_id bigint not null references users (id),
  created_at timestamptz not null default now(),
  unique (question_id, version)
);

create table audit_log (
  id bigserial primary key,
  actor_id bigint references users (id),
  action text not null,
  target_type text not null,
  target_id bigint not null,
  details jsonb not null default '{}',
  created_at timestamptz not null default now()
);
create index audit_log_target_idx on audit_log (target_type, target_id, id);
