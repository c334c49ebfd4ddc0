// The events this module produces, end to end through forecasts, jobs and the clock: CP-move
// alerts with hysteresis, new comments batched hourly, forecasts about to withdraw themselves,
// and the weekly digest e-mail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectOutbox } from '../../../src/db/repositories/email-outbox-repository.ts';
import { runDueJobs } from '../../../src/jobs/runner.ts';
import {
  countPendingComments,
  notifyFollowersOfNewComment,
  scheduleHourlyNotifications,
} from '../../../src/services/notifications/periodic.ts';
import { forecast } from '../../factories/forecasts.ts';
import { createOpenQuestion } from '../../factories/questions.ts';
import { createUser, type TestUser } from '../../factories/users.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';

let t: TestApp;
let author: TestUser;
let moderator: TestUser;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

beforeAll(async () => {
  t = await createTestApp();
  author = await createUser(t, { role: 'analyst' });
  moderator = await createUser(t, { role: 'moderator' });
});
afterAll(() => t.close());

async function kinds(user: TestUser, kind?: string) {
  const response = await t.app.inject({
    url: '/api/v1/me/notifications?limit=100',
    headers: user.auth,
  });
  // biome-ignore lint/suspicious/noExplicitAny: API JSON as a client reads it.
  const items = response.json().items as Array<Record<string, any>>;
  return kind ? items.filter((item) => item.kind === kind) : items;
}

async function follow(user: TestUser, type: string, id: number) {
  const response = await t.app.inject({
    method: 'PUT',
    url: `/api/v1/me/follows/${type}/${id}`,
    headers: user.auth,
  });
  expect(response.statusCode).toBe(200);
}

/** Lets the debounced CP check run: a minute and a second later, then the due jobs. */
async function settle() {
  t.clock.advance(MINUTE + 1000);
  await runDueJobs(t.deps);
}

describe('CP-move alerts', () => {
  it('alert followers past their threshold, at most once a day unless the move doubles', async () => {
    const question = await createOpenQuestion(t, { author, moderator, title: 'Moves' });
    const driver = await createUser(t);
    const watcher = await createUser(t);
    const relaxed = await createUser(t);
    await follow(watcher, 'question', question.id);
    await follow(relaxed, 'question', question.id);
    await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me/notification-settings',
      headers: relaxed.auth,
      payload: { cp_move_threshold: 40 },
    });
    const step = async (probability: number) => {
      await forecast(t, driver, question.id, { probability_yes: probability });
      await settle();
      return (await kinds(watcher, 'cp_moved')).length;
    };
    expect(await step(0.5)).toBe(0); // the first CP seen is the reference
    expect(await step(0.58)).toBe(0); // 8 points
    expect(await step(0.65)).toBe(1); // 15 points from 0.50: the first alert
    expect(await step(0.8)).toBe(1); // 15 from 0.65, within a day: quiet
    expect(await step(0.86)).toBe(2); // 21 from 0.65 ≥ 2 × 10: alerts anyway
    t.clock.advance(25 * HOUR);
    expect(await step(0.74)).toBe(3); // 12 from 0.86, a day later
    const latest = (await kinds(watcher, 'cp_moved'))[0]!;
    expect(latest.text).toBe('The community prediction of “Moves” moved from 86% to 74%.');
    expect(await kinds(relaxed, 'cp_moved')).toEqual([]);
  });
});

describe('new comments', () => {
  it('are batched per target each hour, without your own', async () => {
    const question = await createOpenQuestion(t, { author, moderator, title: 'Talked about' });
    const reader = await createUser(t);
    const commenter = await createUser(t);
    const articleFan = await createUser(t);
    await follow(reader, 'question', question.id);
    await follow(commenter, 'question', question.id);
    await follow(articleFan, 'article', 77);
    await t.deps.database.db.transaction().execute(async (tx) => {
      for (const [commentId, authorId] of [
        [9001, commenter.id],
        [9002, commenter.id],
        [9003, reader.id],
      ] as const) {
        await notifyFollowersOfNewComment(tx, t.deps, {
          targetType: 'question',
          targetId: question.id,
          commentId,
          authorId,
          url: `/questions/${question.id}#comment-${commentId}`,
        });
      }
      await notifyFollowersOfNewComment(tx, t.deps, {
        targetType: 'article',
        targetId: 77,
        commentId: 9004,
        authorId: commenter.id,
        url: '/articles/77-field-notes#comment-9004',
        targetTitle: 'Field <notes>',
      });
    });
    expect(await kinds(reader, 'new_comments')).toEqual([]);
    await scheduleHourlyNotifications(t.deps.database.db, t.clock.now());
    await runDueJobs(t.deps);
    const forReader = await kinds(reader, 'new_comments');
    expect(forReader.map((n) => n.text)).toEqual(['2 new comments on “Talked about”.']);
    expect(forReader[0]!.url).toBe(`/questions/${question.id}#comment-9001`);
    expect((await kinds(commenter, 'new_comments')).map((n) => n.text)).toEqual([
      '1 new comment on “Talked about”.',
    ]);
    const forFan = await kinds(articleFan, 'new_comments');
    expect(forFan.map((n) => [n.text, n.url])).toEqual([
      ['1 new comment on “Field <notes>”.', '/articles/77-field-notes#comment-9004'],
    ]);
    expect(await countPendingComments(t.deps.database.db)).toBe(0);
    // The next hour has nothing new.
    t.clock.advance(HOUR);
    await runDueJobs(t.deps);
    expect(await kinds(reader, 'new_comments')).toHaveLength(1);
  });
});

describe('forecasts about to withdraw themselves', () => {
  it('are announced once, within a day of their end', async () => {
    const question = await createOpenQuestion(t, { author, moderator, title: 'Expiring' });
    const forecaster = await createUser(t);
    const endTime = new Date(t.clock.now().getTime() + 30 * HOUR).toISOString();
    await forecast(t, forecaster, question.id, { probability_yes: 0.4, end_time: endTime });
    await scheduleHourlyNotifications(t.deps.database.db, t.clock.now());
    await runDueJobs(t.deps);
    expect(await kinds(forecaster, 'forecast_expiring')).toEqual([]);
    t.clock.advance(7 * HOUR);
    await runDueJobs(t.deps);
    const notices = await kinds(forecaster, 'forecast_expiring');
    expect(notices.map((n) => n.text)).toEqual([
      'Your forecast on “Expiring” will withdraw itself soon. Update it to keep it.',
    ]);
    t.clock.advance(HOUR);
    await runDueJobs(t.deps);
    expect(await kinds(forecaster, 'forecast_expiring')).toHaveLength(1);
    // Its default channel is e-mail: the outbox has it.
    const mails = await selectOutbox(t.deps.database.db, { userId: forecaster.id });
    expect(mails.filter((mail) => mail.kind === 'forecast_expiring')).toHaveLength(1);
  });
});

describe('the weekly digest', () => {
  it('e-mails unread notifications of the week, at most once a week', async () => {
    const first = await createOpenQuestion(t, { author, moderator, title: 'Old news' });
    const second = await createOpenQuestion(t, { author, moderator, title: 'Digest me' });
    const reader = await createUser(t);
    await follow(reader, 'question', first.id);
    await follow(reader, 'question', second.id);
    const close = (id: number) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/questions/${id}/close`,
        headers: moderator.auth,
      });
    const digests = async () =>
      (await selectOutbox(t.deps.database.db, { userId: reader.id })).filter(
        (mail) => mail.kind === 'weekly_digest',
      );
    await close(first.id);
    await runDueJobs(t.deps);
    // The hourly job (pending since the tests above) runs within the hour.
    t.clock.advance(HOUR);
    await runDueJobs(t.deps);
    expect(await digests()).toEqual([]); // the week starts now
    t.clock.advance(6 * 24 * HOUR);
    await close(second.id);
    await runDueJobs(t.deps);
    await runDueJobs(t.deps);
    expect(await digests()).toEqual([]);
    t.clock.advance(24 * HOUR + MINUTE);
    await runDueJobs(t.deps);
    const sent = await digests();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.text).toContain('“Digest me” closed to new forecasts.');
    expect(sent[0]!.text).not.toContain('Old news'); // more than a week old
    t.clock.advance(HOUR);
    await runDueJobs(t.deps);
    expect(await digests()).toHaveLength(1);
  });
});
