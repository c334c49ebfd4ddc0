-- Accounts, browser sessions and personal API tokens.
create table users (
  id bigserial primary key,
  username text not null,
  email text not null,
  password_hash text not null,
  role text not null default 'reader' check (role in ('reader', 'analyst', 'moderator', 'admin')),
  display_name text,
  bio text not null default '',
  is_banned boolean not null default false,
  email_verified_at timestamptz,
  deleted_at timestamptz,
  created_at timestamptz not null default now()
);
create unique index users_username_key on users (lower(username));
create unique index users_email_key on users (lower(email));

create table sessions (
  -- sha-256 of the cookie value: a leaked table cannot be replayed as cookies.
  id text primary key,
  user_id bigint not null references users (id) on delete cascade,
  csrf_token text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  last_seen_at timestamptz not null default now()
);
create index sessions_user_id_idx on sessions (user_id);
create index sessions_expires_at_idx on sessions (expires_at);

create table api_tokens (
  id bigserial primary key,
  user_id bigint not null references users (id) on delete cascade,
  name text not null,
  -- sha-256 of the token; only `token_prefix` (e.g. "brier_AbC1") is kept for display.
  token_hash text not null unique,
  token_prefix text not null,
  scopes text[] not null check (cardinality(scopes) > 0 and scopes <@ array['read', 'write']),
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);
create index api_tokens_user_id_idx on api_tokens (user_id);
