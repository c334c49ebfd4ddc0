// SQL for the e-mail outbox: rows written with the event, claimed by delivery with a lease.
import type { Executor } from './question-repository.ts';

export interface OutboxEmail {
  id: number;
  userId: number | null;
  to: string;
  subject: string;
  text: string;
  html: string;
  kind: string;
  attempts: number;
}

export interface NewOutboxEmail {
  userId: number | null;
  to: string;
  subject: string;
  text: string;
  html: string;
  kind: string;
  at: Date;
}

export async function insertOutboxEmail(db: Executor, email: NewOutboxEmail): Promise<number> {
  const row = await db
    .insertInto('email_outbox')
    .values({
      user_id: email.userId,
      to_address: email.to,
      subject: email.subject,
      text_body: email.text,
      html_body: email.html,
      kind: email.kind,
      next_attempt_at: email.at,
      created_at: email.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Claims up to `limit` due e-mails (FOR UPDATE SKIP LOCKED, so instances never share one) and
 * leases them until `leaseUntil`: a process that dies while sending leaves them to be retried
 * then. Counts the attempt now.
 */
export async function claimDueEmails(
  db: Executor,
  now: Date,
  leaseUntil: Date,
  limit: number,
): Promise<OutboxEmail[]> {
  const due = await db
    .selectFrom('email_outbox')
    .select('id')
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
  if (due.length === 0) return [];
  const rows = await db
    .updateTable('email_outbox')
    .set((eb) => ({ next_attempt_at: leaseUntil, attempts: eb('attempts', '+', 1) }))
    .where(
      'id',
      'in',
      due.map((row) => row.id),
    )
    .returning([
      'id',
      'user_id',
      'to_address',
      'subject',
      'text_body',
      'html_body',
      'kind',
      'attempts',
    ])
    .execute();
  return rows
    .map((row) => ({
      id: row.id,
      userId: row.user_id,
      to: row.to_address,
      subject: row.subject,
      text: row.text_body,
      html: row.html_body,
      kind: row.kind,
      attempts: row.attempts,
    }))
    .sort((a, b) => a.id - b.id);
}

export async function markEmailSent(db: Executor, id: number, at: Date): Promise<void> {
  await db
    .updateTable('email_outbox')
    .set({ status: 'sent', sent_at: at, last_error: null })
    .where('id', '=', id)
    .execute();
}

export async function markEmailFailed(
  db: Executor,
  id: number,
  outcome: { error: string; retryAt: Date | null },
): Promise<void> {
  await db
    .updateTable('email_outbox')
    .set({
      status: outcome.retryAt === null ? 'failed' : 'pending',
      last_error: outcome.error.slice(0, 1000),
      ...(outcome.retryAt === null ? {} : { next_attempt_at: outcome.retryAt }),
    })
    .where('id', '=', id)
    .execute();
}

export async function selectOutbox(
  db: Executor,
  filter: { userId?: number; to?: string } = {},
): Promise<Array<OutboxEmail & { status: string; nextAttemptAt: Date; lastError: string | null }>> {
  let query = db.selectFrom('email_outbox').selectAll().orderBy('id');
  if (filter.userId !== undefined) query = query.where('user_id', '=', filter.userId);
  if (filter.to !== undefined) query = query.where('to_address', '=', filter.to);
  const rows = await query.execute();
  return rows.map((row) => ({
    id: row.id,
    userId: row.user_id,
    to: row.to_address,
    subject: row.subject,
    text: row.text_body,
    html: row.html_body,
    kind: row.kind,
    attempts: row.attempts,
    status: row.status,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
  }));
}
