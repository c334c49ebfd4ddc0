// SQL for a user's own data as a whole: everything an account export holds, and the deletion that
// pseudonymises the account while its public contributions (forecasts, questions, scores) stay.
import { sql } from 'kysely';
import type { Executor } from './user-repository.ts';

/** Rows as PostgreSQL's JSON (timestamps as text): an export is a document, not a model. */
type JsonRow = Record<string, unknown>;

async function jsonRows(db: Executor, query: ReturnType<typeof sql>): Promise<JsonRow[]> {
  const result = await sql<{
    row: JsonRow;
  }>`select row_to_json(x) as row from (${query}) x`.execute(db);
  return result.rows.map((r) => r.row);
}

/** Everything the account owns or wrote, by section (the export's body). */
export async function collectAccountData(
  db: Executor,
  userId: number,
): Promise<Record<string, JsonRow[]>> {
  return {
    account: await jsonRows(
      db,
      sql`select id, username, email, display_name, bio, role, is_banned, email_verified_at,
        created_at from users where id = ${userId}`,
    ),
    sessions: await jsonRows(
      db,
      sql`select left(id, 16) as id, created_at, last_seen_at, expires_at, user_agent
        from sessions where user_id = ${userId} order by created_at`,
    ),
    api_tokens: await jsonRows(
      db,
      sql`select id, name, token_prefix, scopes, created_at, last_used_at, revoked_at
        from api_tokens where user_id = ${userId} order by id`,
    ),
    forecasts: await jsonRows(
      db,
      sql`select f.id, f.question_id, q.title as question_title, f.start_time, f.end_time,
        f.probability_yes, f.probability_yes_per_category, f.continuous_cdf
        from forecasts f join questions q on q.id = f.question_id
        where f.user_id = ${userId} order by f.id`,
    ),
    questions_authored: await jsonRows(
      db,
      sql`select id, type, status, title, created_at from questions
        where author_id = ${userId} order by id`,
    ),
    scores: await jsonRows(
      db,
      sql`select question_id, score_type, score, coverage, created_at from scores
        where user_id = ${userId} order by question_id, score_type`,
    ),
    articles: await jsonRows(
      db,
      sql`select id, slug, title, summary, body, tags, status, published_at, created_at
        from articles where author_id = ${userId} order by id`,
    ),
    comments: await jsonRows(
      db,
      sql`select id, target_type, target_id, parent_id, body, forecast_question_id,
        forecast_at_posting, edited_at, deleted_at, created_at
        from comments where author_id = ${userId} order by id`,
    ),
    comment_votes: await jsonRows(
      db,
      sql`select comment_id, value, created_at from comment_votes
        where user_id = ${userId} order by comment_id`,
    ),
    minds_changed: await jsonRows(
      db,
      sql`select comment_id, created_at from comment_mind_changes
        where user_id = ${userId} order by comment_id`,
    ),
    reports: await jsonRows(
      db,
      sql`select id, target_type, target_id, reason, status, created_at from reports
        where reporter_id = ${userId} order by id`,
    ),
    follows: await jsonRows(
      db,
      sql`select target_type, target_id, is_muted, created_at from follows
        where user_id = ${userId} order by created_at, target_type, target_id`,
    ),
    notification_preferences: await jsonRows(
      db,
      sql`select kind, channel from notification_preferences where user_id = ${userId}
        order by kind`,
    ),
    notifications: await jsonRows(
      db,
      sql`select id, kind, question_id, payload, created_at, read_at from notifications
        where user_id = ${userId} order by id`,
    ),
    actions: await jsonRows(
      db,
      sql`select id, action, target_type, target_id, details, created_at from audit_log
        where actor_id = ${userId} order by id`,
    ),
  };
}

/**
 * Deletes the account: its name, e-mail, profile and password go, as do its sessions, tokens and
 * notifications; the row stays (as `deleted-<id>`) so that forecasts, questions and scores keep
 * their author and every aggregate stays reproducible. Returns false when already deleted.
 */
export async function pseudonymiseAccount(
  db: Executor,
  userId: number,
  now: Date,
): Promise<boolean> {
  const updated = await db
    .updateTable('users')
    .set({
      username: `deleted-${userId}`,
      email: `deleted-${userId}@deleted.invalid`,
      display_name: null,
      bio: '',
      // Not a hash of anything: no password verifies against it.
      password_hash: '!deleted',
      email_verified_at: null,
      deleted_at: now,
    })
    .where('id', '=', userId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) return false;
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
  await db.deleteFrom('api_tokens').where('user_id', '=', userId).execute();
  await db.deleteFrom('notifications').where('user_id', '=', userId).execute();
  // What only concerned the person: follows, preferences, one-time links, its e-mail (the
  // outbox holds the address).
  for (const table of [
    'follows',
    'notification_preferences',
    'notification_settings',
    'cp_move_alert_states',
    'account_tokens',
  ] as const) {
    await db.deleteFrom(table).where('user_id', '=', userId).execute();
  }
  await db.deleteFrom('email_outbox').where('user_id', '=', userId).execute();
  await db.deleteFrom('login_throttles').where('key', '=', `user:${userId}`).execute();
  return true;
}
