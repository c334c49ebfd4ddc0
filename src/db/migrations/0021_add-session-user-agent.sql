-- What a browser said it was when the session began, so that the session list in the settings
-- lets people tell their devices apart ("Firefox on Linux") before signing one out.
alter table sessions add column user_agent text not null default '';
