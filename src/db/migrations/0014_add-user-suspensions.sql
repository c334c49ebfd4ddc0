-- A suspension stops a user writing (comments, forecasts, articles, reports) until a time,
-- while they can still sign in and read; a ban (is_banned) stops them signing in at all.
alter table users add column suspended_until timestamptz;
alter table users add column suspension_reason text;
