-- In-app notifications, one row per user and event (question resolved with your scores, reply,
-- mention, CP moved, ...); e-mails are built from them. `kind` names the event and `payload`
-- holds what the page and the e-mail show. Resolution and discussion both write here.
create table notifications (
  id bigserial primary key,
  user_id bigint not null references users (id) on delete cascade,
  kind text not null,
  question_id bigint references questions (id) on delete cascade,
  payload jsonb not null default '{}',
  -- One notification per event and user however often the writer retries or re-runs
  -- (e.g. 'question_resolved:42:3' for the third resolution of question 42).
  dedupe_key text,
  created_at timestamptz not null default now(),
  read_at timestamptz
);
create index notifications_user_idx on notifications (user_id, id);
create index notifications_unread_idx on notifications (user_id) where read_at is null;
create unique index notifications_dedupe_key
  on notifications (user_id, dedupe_key) where dedupe_key is not null;
