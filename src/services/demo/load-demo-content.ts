// Loads the demo content (docs/design.md "Demo content") into an empty database: an admin, a demo
// analyst and forecasters, the "US–Russia outlook" tournament, its questions (every type and a
// conditional pair) and a few weeks of synthetic forecasts. Used by `brier seed --demo` and by
// `brier serve` on first start, with a dozen resolved practice questions (and their scores) from
// the weeks before. Articles and comments are not part of it yet (docs/decisions.md).
import { Mulberry32 } from '../../core/mulberry32.ts';
import { sessionActor } from '../../domain/actor.ts';
import type { Deps } from '../deps.ts';
import {
  claimEmptyDatabase,
  createDemoAccounts,
  type DemoAdminInput,
  type DemoAdminLogin,
} from './demo-accounts.ts';
import { DemoClock, withDemoClock } from './demo-clock.ts';
import { forecastDemoQuestions } from './demo-forecasts.ts';
import { demoSchedule } from './demo-schedule.ts';
import { loadPracticeQuestions, PRACTICE_LEAD_MS } from './practice-questions.ts';
import { publishDemoQuestions } from './publish-demo-questions.ts';

/** The same synthetic crowd on every load. */
const DEMO_SEED = 20_250_815;

export interface LoadDemoContentInput {
  admin?: DemoAdminInput;
}

export interface DemoContent {
  admin: DemoAdminLogin;
  tournamentId: number;
  /** Every demo question, conditional branches included, in publishing order. */
  questionIds: number[];
  /** The resolved practice questions ("Practice: …"), outside the tournament. */
  practiceQuestionIds: number[];
  forecastCount: number;
}

/**
 * Returns null, loading nothing, when the database already has an account (the demo is only
 * for an empty database). Times are relative to `deps.clock`: accounts and practice questions nine
 * weeks back (resolved by four weeks back),
 * questions opened three weeks back, forecasts in rounds up to the previous day, deadlines ahead.
 */
export async function loadDemoContent(
  deps: Deps,
  input: LoadDemoContentInput = {},
): Promise<DemoContent | null> {
  const schedule = demoSchedule(deps.clock.now());
  // The practice questions were forecast and resolved in the weeks before the series started.
  const practiceStart = new Date(schedule.loadedAt.getTime() - PRACTICE_LEAD_MS);
  const clock = new DemoClock(practiceStart);
  const demoDeps = withDemoClock(deps, clock);
  const claimed = await claimEmptyDatabase(demoDeps, input.admin ?? {});
  if (claimed === null) return null;
  deps.logger.info('the database is empty: loading the demo content');
  const { analyst, forecasters } = await createDemoAccounts(demoDeps);
  const practiceQuestionIds = await loadPracticeQuestions(
    demoDeps,
    clock,
    practiceStart,
    {
      admin: sessionActor(claimed.user),
      analyst: sessionActor(analyst),
      forecasters: forecasters.map(sessionActor),
    },
    new Mulberry32(DEMO_SEED + 1),
  );
  const published = await publishDemoQuestions(demoDeps, clock, schedule, {
    // The accounts act as if signed in with a session.
    admin: sessionActor(claimed.user),
    analyst: sessionActor(analyst),
  });
  const forecastCount = await forecastDemoQuestions(
    demoDeps,
    clock,
    schedule,
    published.targets,
    forecasters.map(sessionActor),
    new Mulberry32(DEMO_SEED),
  );
  return {
    admin: claimed.login,
    tournamentId: published.tournamentId,
    questionIds: published.targets.map((target) => target.question.id),
    practiceQuestionIds,
    forecastCount,
  };
}
