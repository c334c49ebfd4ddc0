// The e-mail outbox: `queueEmail` writes a row in the caller's transaction (the mail exists
// only if the event commits); `deliverDueEmails` sends due rows outside any transaction, through
// SMTP (nodemailer) when SMTP_URL is set, else to the log. A failed send is retried with
// exponential backoff (1 min, 2 min, 4 min … capped at 6 h) up to MAX_EMAIL_ATTEMPTS times.
import nodemailer from 'nodemailer';
import {
  claimDueEmails,
  insertOutboxEmail,
  markEmailFailed,
  markEmailSent,
} from '../../db/repositories/email-outbox-repository.ts';
import type { Executor } from '../../db/repositories/question-repository.ts';
import type { Deps } from '../deps.ts';
import { type EmailContent, renderEmail } from './email-content.ts';
import { ALL_KINDS, unsubscribeToken } from './unsubscribe-token.ts';

export const MAX_EMAIL_ATTEMPTS = 8;
const BASE_RETRY_MS = 60_000;
const MAX_RETRY_MS = 6 * 3_600_000;
/** A claimed e-mail not reported back within this time (its sender died) is tried again. */
const LEASE_MS = 10 * 60_000;
const BATCH = 20;

export function emailRetryDelayMs(attempts: number): number {
  return Math.min(BASE_RETRY_MS * 2 ** Math.max(0, attempts - 1), MAX_RETRY_MS);
}

export function unsubscribeUrl(deps: Deps, userId: number, kind: string): string {
  const token = unsubscribeToken(deps.config.sessionSecret, userId, kind);
  return `${deps.config.baseUrl}/unsubscribe?token=${encodeURIComponent(token)}`;
}

export interface QueueEmailInput {
  userId: number;
  to: string;
  /** The notification kind (its unsubscribe link), or 'all' for account e-mails. */
  kind: string;
  /** Stored as the row's kind when it differs from the unsubscribe kind (e.g. password_reset). */
  emailKind?: string;
  content: EmailContent;
  reason?: string;
}

export async function queueEmail(tx: Executor, deps: Deps, input: QueueEmailInput): Promise<void> {
  const rendered = renderEmail(input.content, {
    unsubscribeUrl: unsubscribeUrl(deps, input.userId, input.kind),
    settingsUrl: `${deps.config.baseUrl}/settings#notifications`,
    reason:
      input.reason ??
      (input.kind === ALL_KINDS
        ? 'You receive this because of your account on Brier.'
        : 'You receive this because of your notification settings on Brier.'),
  });
  await insertOutboxEmail(tx, {
    userId: input.userId,
    to: input.to,
    subject: rendered.subject,
    text: rendered.text,
    html: rendered.html,
    kind: input.emailKind ?? input.kind,
    at: deps.clock.now(),
  });
}

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface MailTransport {
  send(message: MailMessage): Promise<void>;
}

const transports = new Map<string, MailTransport>();

/** Sends through SMTP_URL, or writes the e-mail to the log (info) when it is not set. */
export function mailTransport(deps: Deps): MailTransport {
  const url = deps.config.smtpUrl;
  if (url === null) {
    return {
      async send(message) {
        deps.logger.info(
          { email: { to: message.to, subject: message.subject, text: message.text } },
          'e-mail (SMTP_URL not set: logged, not sent)',
        );
      },
    };
  }
  let transport = transports.get(url);
  if (!transport) {
    const smtp = nodemailer.createTransport(url);
    const from = `Brier <no-reply@${new URL(deps.config.baseUrl).hostname}>`;
    transport = {
      async send(message) {
        await smtp.sendMail({ from, ...message });
      },
    };
    transports.set(url, transport);
  }
  return transport;
}

export interface DeliveryResult {
  sent: number;
  retried: number;
  failed: number;
}

/**
 * Sends every due e-mail, in batches, until none is due. No transaction is held while a mail is
 * on its way: rows are claimed with a lease first, then reported back one by one.
 */
export async function deliverDueEmails(
  deps: Deps,
  transport: MailTransport = mailTransport(deps),
): Promise<DeliveryResult> {
  const result: DeliveryResult = { sent: 0, retried: 0, failed: 0 };
  for (;;) {
    const now = deps.clock.now();
    const batch = await deps.database.db
      .transaction()
      .execute((tx) => claimDueEmails(tx, now, new Date(now.getTime() + LEASE_MS), BATCH));
    if (batch.length === 0) return result;
    for (const email of batch) {
      try {
        await transport.send({
          to: email.to,
          subject: email.subject,
          text: email.text,
          html: email.html,
        });
        await markEmailSent(deps.database.db, email.id, deps.clock.now());
        result.sent += 1;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const isLast = email.attempts >= MAX_EMAIL_ATTEMPTS;
        const retryAt = isLast
          ? null
          : new Date(deps.clock.now().getTime() + emailRetryDelayMs(email.attempts));
        await markEmailFailed(deps.database.db, email.id, { error: message, retryAt });
        deps.logger.warn(
          { err: error, email_id: email.id, attempts: email.attempts, permanent: isLast },
          'e-mail delivery failed',
        );
        if (isLast) result.failed += 1;
        else result.retried += 1;
      }
    }
    if (batch.length < BATCH) return result;
  }
}
