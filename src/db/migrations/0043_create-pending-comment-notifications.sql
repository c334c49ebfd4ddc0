-- New comments waiting for the hourly batch that tells the followers of their target
-- (notifyFollowersOfNewComment writes; notifications.hourly@1 reads and deletes). The target is
-- generic like follows; comments live in the discussion tables, so no foreign key either.
create table pending_comment_notifications (
  id bigserial primary key,
  target_type text not null check (target_type in ('question', 'article', 'tournament', 'user')),
  target_id bigint not null,
  comment_id bigint not null,
  author_id bigint references users (id) on delete set null,
  target_title text not null default '',
  url text not null,
  created_at timestamptz not null default now(),
  unique (comment_id)
);
