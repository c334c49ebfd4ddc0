-- Background jobs, claimed with FOR UPDATE SKIP LOCKED so several instances run each once.
create table jobs (
  id bigserial primary key,
  type text not null,
  payload jsonb not null default '{}',
  run_at timestamptz not null default now(),
  status text not null default 'pending' check (status in ('pending', 'running', 'done', 'failed')),
  attempts integer not null default 0,
  last_error text,
  locked_at timestamptz,
  -- at most one pending job per key (e.g. "open question 7")
  dedupe_key text,
  created_at timestamptz not null default now()
);
create index jobs_pending_idx on jobs (run_at) where status = 'pending';
create unique index jobs_dedupe_idx on jobs (dedupe_key) where status in ('pending', 'running');
