-- One-time tokens mailed for password reset and e-mail verification. Only the SHA-256 of the
-- token is stored; a token expires and works once (used_at).
create table account_tokens (
  token_hash text primary key,
  user_id bigint not null references users (id) on delete cascade,
  purpose text not null check (purpose in ('password_reset', 'verify_email')),
  -- the address a verification token confirms (the account's e-mail when it was sent)
  email text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz
);
create index account_tokens_user_idx on account_tokens (user_id, purpose);
