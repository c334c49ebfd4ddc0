// The one transaction of every CP event (ARCHITECTURE.md §2 step 3): replay an Idempotency-Key,
// lock the question, run the event, write the CP steps, store a fresh CP state version and the
// idempotent result, and NOTIFY cp_updated (delivered on commit).

import {
  notifyCpUpdated,
  saveCpState,
  selectCpState,
} from '../../db/repositories/cp-entry-repository.ts';
import type { Executor } from '../../db/repositories/forecast-repository.ts';
import {
  findIdempotentResult,
  insertIdempotentResult,
} from '../../db/repositories/idempotency-repository.ts';
import type { Actor } from '../../domain/actor.ts';
import { DomainError } from '../../domain/errors.ts';
import type { QuestionRecord } from '../../domain/question-record.ts';
import type { Deps } from '../deps.ts';
import { lockQuestionForActor } from '../questions/find-question.ts';
import { type CpEngineCache, engineCacheFor, type QuestionEngines } from './cp-engine-cache.ts';
import { type StepsByMethod, writeCpSteps } from './cp-history-writer.ts';

/** Extremizing factor d of log_odds_mean on the server (MATH.md §15.4: default 1). */
export const SERVER_EXTREMIZE = 1;

type Tx = Executor;

export interface IdempotencyRequest {
  userId: number;
  key: string;
  /** sha-256 of the operation and its canonical input: same key + other request → 422. */
  requestHash: string;
}

export interface CpEventResult {
  statusCode: number;
  body: Record<string, unknown>;
}

export interface CpEventContext {
  tx: Tx;
  question: QuestionRecord;
  now: Date;
  /**
   * The event's instant in whole seconds: the clock, but never before an instant already
   * applied (instances' clocks may differ slightly; the history must not go backwards).
   */
  time: number;
  /**
   * The question's engines at the stored state (loaded on first use). Call it before writing
   * forecasts: a rebuild reads the stored forecasts through this transaction.
   */
  engines(): Promise<QuestionEngines>;
  /** Writes one event's steps to the stored history. */
  writeSteps(steps: StepsByMethod): Promise<void>;
}

export interface CpTransactionInput {
  questionId: number;
  /** Whose visibility the question lock checks (404 when hidden). */
  actor: Actor | null;
  idempotency?: IdempotencyRequest;
  /**
   * Run inside this transaction instead of opening one (a job's claiming transaction; its
   * commit is the caller's). The per-question queue is skipped: on PGlite a queued request
   * may be waiting for the connection this transaction holds.
   */
  transaction?: Tx;
}

const UNIQUE_VIOLATION = '23505';

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === UNIQUE_VIOLATION;
}

/**
 * Runs `event` in one transaction. A retried request with a stored result returns that result
 * (nothing is written); the same key with a different request is IDEMPOTENCY_KEY_REUSED.
 */
export async function runCpTransaction(
  deps: Deps,
  input: CpTransactionInput,
  event: (context: CpEventContext) => Promise<CpEventResult>,
): Promise<CpEventResult> {
  const cache = engineCacheFor(deps.database);
  const { transaction } = input;
  if (transaction)
    return runGuarded(cache, input, () => runEvent(deps, cache, transaction, input, event));
  const once = () =>
    cache.withQuestionQueue(input.questionId, () =>
      runGuarded(cache, input, () =>
        deps.database.db.transaction().execute((tx) => runEvent(deps, cache, tx, input, event)),
      ),
    );
  try {
    return await once();
  } catch (error) {
    // Two requests with one key on different questions race past the lookup; the loser's
    // insert conflicts, and the retry replays (or rejects) against the winner's row.
    if (input.idempotency && isUniqueViolation(error)) return once();
    throw error;
  }
}

/** A failed event may have moved the cached engines: drop them (they are rebuilt on demand). */
async function runGuarded<T>(
  cache: CpEngineCache,
  input: CpTransactionInput,
  task: () => Promise<T>,
): Promise<T> {
  try {
    return await task();
  } catch (error) {
    cache.invalidate(input.questionId);
    throw error;
  }
}

async function runEvent(
  deps: Deps,
  cache: CpEngineCache,
  tx: Tx,
  input: CpTransactionInput,
  event: (context: CpEventContext) => Promise<CpEventResult>,
): Promise<CpEventResult> {
  const question = await lockQuestionForActor(tx, input.questionId, input.actor);
  const { idempotency } = input;
  if (idempotency) {
    const stored = await findIdempotentResult(tx, idempotency.userId, idempotency.key);
    if (stored) {
      if (stored.requestHash !== idempotency.requestHash) {
        throw new DomainError(
          'IDEMPOTENCY_KEY_REUSED',
          'This Idempotency-Key was already used for a different request.',
        );
      }
      return { statusCode: stored.statusCode, body: stored.response };
    }
  }
  const state = await selectCpState(tx, question.id);
  const now = deps.clock.now();
  const time = Math.max(Math.floor(now.getTime() / 1000), state.processedUntil);
  let engines: QuestionEngines | null = null;
  /** Seq of the last entry after the steps written (null: nothing written). */
  let lastSeq: number | null = null;
  const context: CpEventContext = {
    tx,
    question,
    now,
    time,
    async engines() {
      engines ??= await cache.acquire(tx, question, state, SERVER_EXTREMIZE);
      return engines;
    },
    async writeSteps(steps) {
      lastSeq = (await writeCpSteps(tx, question.id, steps)) ?? lastSeq;
    },
  };
  const result = await event(context);
  const acquired = engines as QuestionEngines | null;
  if (acquired) {
    // The stored state is the engines' instant: a rebuild starts from the forecasts active
    // then, with every earlier expiration already in the history.
    let processedUntil = state.processedUntil;
    for (const engine of acquired.byMethod.values()) {
      processedUntil = Math.max(processedUntil, engine.time ?? 0);
    }
    acquired.version = await saveCpState(tx, question.id, processedUntil, now);
    cache.store(question.id, acquired);
    const seq = lastSeq as number | null;
    if (seq !== null) await notifyCpUpdated(tx, `${question.id}:${seq}`);
  }
  if (idempotency) {
    await insertIdempotentResult(
      tx,
      idempotency.userId,
      idempotency.key,
      {
        requestHash: idempotency.requestHash,
        statusCode: result.statusCode,
        response: result.body,
      },
      now,
    );
  }
  return result;
}
