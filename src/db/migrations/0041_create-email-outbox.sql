-- E-mails waiting for, or done with, delivery. A row is written in the transaction of the event
-- that causes it; the `email.deliver@1` job sends due rows through SMTP (or the log without
-- SMTP_URL), retrying with exponential backoff. Bodies are kept so a retry sends the same mail.
create table email_outbox (
  id bigserial primary key,
  -- null for mail to an address that has no account (nothing yet) or whose owner was deleted.
  user_id bigint references users (id) on delete set null,
  to_address text not null,
  subject text not null,
  text_body text not null,
  html_body text not null,
  -- e.g. 'password_reset', 'question_opened'; also the unsubscribe link's kind.
  kind text not null,
  status text not null default 'pending' check (status in ('pending', 'sent', 'failed')),
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  last_error text,
  created_at timestamptz not null default now(),
  sent_at timestamptz
);
create index email_outbox_due_idx on email_outbox (next_attempt_at) where status = 'pending';
