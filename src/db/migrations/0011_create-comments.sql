-- Threaded comments on questions and articles. A reply names its parent and the root of its
-- thread (so a page of roots loads with their threads in one query). Soft-deleted comments keep
-- their row ("[deleted]" holds the thread together); hidden ones are a moderator's decision.
create table comments (
  id bigserial primary key,
  target_type text not null check (target_type in ('question', 'article')),
  target_id bigint not null,
  parent_id bigint references comments (id),
  root_id bigint references comments (id),
  author_id bigint not null references users (id),
  body text not null,
  -- sha-256 of the normalised body: repeated identical comments are refused
  body_hash text not null,
  -- the question whose forecast `forecast_at_posting` holds (the question itself, or an
  -- article's lead question); null when there is none
  forecast_question_id bigint references questions (id) on delete set null,
  -- {label, vector}: the author's standing forecast when posting; null when they had none
  forecast_at_posting jsonb,
  upvotes integer not null default 0,
  downvotes integer not null default 0,
  minds_changed integer not null default 0,
  edited_at timestamptz,
  deleted_at timestamptz,
  hidden_at timestamptz,
  created_at timestamptz not null default now(),
  check ((parent_id is null) = (root_id is null))
);
create index comments_target_idx on comments (target_type, target_id, id) where parent_id is null;
create index comments_root_idx on comments (root_id, id) where root_id is not null;
create index comments_author_idx on comments (author_id, created_at);

create table comment_revisions (
  id bigserial primary key,
  comment_id bigint not null references comments (id) on delete cascade,
  body text not null,
  created_at timestamptz not null default now()
);
create index comment_revisions_comment_idx on comment_revisions (comment_id, id);
