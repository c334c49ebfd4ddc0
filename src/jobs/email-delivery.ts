// The e-mail sender of every instance: polls the outbox like the job runner polls jobs, but sends
// outside any transaction (an SMTP round trip must not hold a database connection, and PGlite has
// only one). Rows are claimed with FOR UPDATE SKIP LOCKED and a lease, so instances never send
// the same e-mail twice while both live.
import type { Deps } from '../services/deps.ts';
import { deliverDueEmails } from '../services/notifications/outbox.ts';

export interface EmailDelivery {
  stop(): Promise<void>;
}

export function startEmailDelivery(
  deps: Deps,
  options: { pollIntervalMs?: number } = {},
): EmailDelivery {
  const intervalMs = options.pollIntervalMs ?? Math.max(deps.config.jobPollIntervalMs, 1000);
  let isStopped = false;
  let timer: NodeJS.Timeout | null = null;
  let current: Promise<void> = Promise.resolve();
  const tick = () => {
    timer = null;
    current = deliverDueEmails(deps)
      .then(
        () => undefined,
        (error: unknown) => deps.logger.error({ err: error }, 'e-mail delivery tick failed'),
      )
      .finally(() => {
        if (!isStopped) schedule();
      });
  };
  const schedule = () => {
    timer = setTimeout(tick, intervalMs);
    timer.unref();
  };
  schedule();
  return {
    async stop() {
      isStopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await current;
    },
  };
}
