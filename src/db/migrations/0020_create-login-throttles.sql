-- Failed logins per account (or per login name that matches no account, so that both behave
-- alike), shared by every instance: consecutive failures earn a growing wait before the next try.
create table login_throttles (
  -- 'user:<id>' for an account, 'login:<sha-256 of the lowercased login>' for a name that matches none
  key text primary key,
  failures integer not null,
  last_failure_at timestamptz not null,
  locked_until timestamptz
);
