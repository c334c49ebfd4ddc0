-- Resolution workflow (docs/design.md "Question lifecycle"): a moderator proposes an outcome with
-- evidence, forecasters may dispute it during a window, then it is finalised (by an admin, or by
-- the resolution.finalize job when the window passes undisputed) or withdrawn. Every proposal is
-- kept; at most one is pending per question. Scores live in `scores` (0006).

-- A question's own dispute window in hours (null = DISPUTE_WINDOW_HOURS of the instance; 0 allowed).
alter table questions add column dispute_window_hours double precision
  check (dispute_window_hours is null or dispute_window_hours >= 0);

create table resolution_proposals (
  id bigserial primary key,
  question_id bigint not null references questions (id) on delete cascade,
  -- yes/no, an option label, a number/date, below_lower_bound, above_upper_bound, annulled, ambiguous
  resolution text not null,
  -- [{url, note}]: one or more links, each with a note
  evidence jsonb not null default '[]',
  note text not null default '',
  -- proposal: a moderator's, with a dispute window; re_resolution / annulment: an admin's,
  -- final at once; conditional: set by the system when a conditional's parent or child resolves
  kind text not null default 'proposal'
    check (kind in ('proposal', 're_resolution', 'annulment', 'conditional')),
  status text not null default 'pending'
    check (status in ('pending', 'finalized', 'withdrawn', 'superseded')),
  proposed_by bigint references users (id) on delete set null,
  proposed_at timestamptz not null,
  window_ends_at timestamptz not null,
  -- who finalised or withdrew it (null with a decided_at: the system, e.g. the window passed)
  decided_by bigint references users (id) on delete set null,
  decided_at timestamptz
);
create index resolution_proposals_question_idx on resolution_proposals (question_id, id);
create unique index resolution_proposals_pending_key
  on resolution_proposals (question_id) where status = 'pending';
create index resolution_proposals_pending_idx
  on resolution_proposals (window_ends_at) where status = 'pending';

create table resolution_disputes (
  id bigserial primary key,
  proposal_id bigint not null references resolution_proposals (id) on delete cascade,
  user_id bigint not null references users (id) on delete cascade,
  reason text not null,
  created_at timestamptz not null,
  unique (proposal_id, user_id)
);
