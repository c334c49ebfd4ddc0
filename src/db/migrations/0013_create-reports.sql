-- Reports of comments and articles, the moderation queue's rows. One open report per reporter
-- and item; a moderator's hide or dismiss resolves every open report of the item.
create table reports (
  id bigserial primary key,
  target_type text not null check (target_type in ('comment', 'article')),
  target_id bigint not null,
  reporter_id bigint not null references users (id) on delete cascade,
  reason text not null,
  status text not null default 'open' check (status in ('open', 'resolved', 'dismissed')),
  resolved_by bigint references users (id),
  resolved_at timestamptz,
  created_at timestamptz not null default now()
);
create unique index reports_open_key on reports (target_type, target_id, reporter_id)
  where status = 'open';
create index reports_open_idx on reports (created_at, id) where status = 'open';
