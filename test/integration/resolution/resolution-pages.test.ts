// The resolution on the question page, without JavaScript: a moderator proposes with evidence
// through the plain form, a forecaster disputes, an admin finalises; the reader then sees the
// outcome, the evidence and their scores next to the crowd's. The moderators' queue page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forecast } from '../../factories/forecasts.ts';
import { createOpenQuestion } from '../../factories/questions.ts';
import { createUser, signIn, type TestSession, type TestUser } from '../../factories/users.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';

let t: TestApp;
let analyst: TestUser;
let moderator: TestUser;
let admin: TestUser;
let reader: TestUser;
let sessions: Record<'moderator' | 'admin' | 'reader', TestSession>;

const DAY = 86_400_000;

beforeAll(async () => {
  t = await createTestApp();
  analyst = await createUser(t, { role: 'analyst' });
  moderator = await createUser(t, { role: 'moderator' });
  admin = await createUser(t, { role: 'admin' });
  reader = await createUser(t);
  sessions = {
    moderator: await signIn(t, moderator),
    admin: await signIn(t, admin),
    reader: await signIn(t, reader),
  };
});
afterAll(() => t.close());

async function page(path: string, session?: TestSession) {
  let response = await t.app.inject({
    url: path,
    headers: { accept: 'text/html', ...(session ? { cookie: session.cookie } : {}) },
  });
  if (response.statusCode === 301) {
    response = await t.app.inject({
      url: String(response.headers.location),
      headers: { accept: 'text/html', ...(session ? { cookie: session.cookie } : {}) },
    });
  }
  return response;
}

function post(path: string, fields: Record<string, string>, session: TestSession, csrf = true) {
  return t.app.inject({
    method: 'POST',
    url: path,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'text/html',
      cookie: session.cookie,
    },
    payload: new URLSearchParams({
      ...(csrf ? { _csrf: session.csrfToken } : {}),
      ...fields,
    }).toString(),
  });
}

describe('resolving on the question page', () => {
  it('propose (form) → dispute (form) → finalise (form) → the reader sees the outcome and their scores', async () => {
    const question = await createOpenQuestion(t, {
      author: analyst,
      moderator,
      title: 'Will the page resolve?',
    });
    const id = question.id;
    await forecast(t, reader, id, { probability_yes: 0.8 });
    t.clock.advance(DAY);

    const readerView = await page(`/questions/${id}`, sessions.reader);
    expect(readerView.body).not.toContain('Propose a resolution');
    const moderatorView = await page(`/questions/${id}`, sessions.moderator);
    expect(moderatorView.body).toContain('Propose a resolution');
    expect(moderatorView.body).toContain('Resolutions'); // the nav link to the queue

    const base = `/questions/${id}/resolution`;
    // Without the CSRF field the form is refused.
    expect(
      (await post(`${base}/propose`, { resolution: 'yes' }, sessions.moderator, false)).statusCode,
    ).toBe(403);
    const missing = await post(`${base}/propose`, { resolution: 'yes' }, sessions.moderator);
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('Add at least one evidence link.');
    const bad = await post(
      `${base}/propose`,
      { resolution: 'maybe', evidence_url: 'https://example.org/a' },
      sessions.moderator,
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('must be yes, no, annulled or ambiguous');
    expect(bad.body).toContain('value="https://example.org/a"'); // typed values come back
    const proposed = await post(
      `${base}/propose`,
      {
        resolution: 'yes',
        evidence_url: 'https://example.org/announcement',
        evidence_note: 'The announcement',
        note: 'It happened.',
        dispute_window_hours: '24',
      },
      sessions.moderator,
    );
    expect(proposed.statusCode, proposed.body.slice(0, 300)).toBe(303);
    expect(String(proposed.headers.location)).toMatch(/#resolution$/);

    const pending = await page(`/questions/${id}`, sessions.reader);
    expect(pending.body).toContain('Resolution proposed');
    expect(pending.body).toContain('https://example.org/announcement');
    expect(pending.body).toContain('Dispute this resolution');
    const disputed = await post(
      `${base}/dispute`,
      { reason: 'Too early to say.' },
      sessions.reader,
    );
    expect(disputed.statusCode).toBe(303);
    const afterDispute = await page(`/questions/${id}`, sessions.reader);
    expect(afterDispute.body).toContain('Too early to say.');
    expect(afterDispute.body).toContain('You have disputed this proposal.');
    expect(afterDispute.body).not.toContain('Dispute this resolution');
    const twice = await post(`${base}/dispute`, { reason: 'Again.' }, sessions.reader);
    expect(twice.statusCode).toBe(409);

    const queue = await page('/moderation/resolutions', sessions.moderator);
    expect(queue.statusCode).toBe(200);
    expect(queue.body).toContain('Will the page resolve?');
    expect(queue.body).toContain('Disputed (1)');
    expect((await page('/moderation/resolutions', sessions.reader)).statusCode).toBe(403);

    expect((await post(`${base}/finalize`, {}, sessions.moderator)).statusCode).toBe(403);
    const adminView = await page(`/questions/${id}`, sessions.admin);
    expect(adminView.body).toContain('Finalise now');
    expect((await post(`${base}/finalize`, {}, sessions.admin)).statusCode).toBe(303);

    const resolved = await page(`/questions/${id}`, sessions.reader);
    expect(resolved.body).toContain('data-resolution-status="resolved"');
    expect(resolved.body).toContain('data-outcome="yes"');
    expect(resolved.body).toContain('data-score-row="mine"');
    expect(resolved.body).toContain('data-score-row="crowd"');
    // The chart marks the close with the outcome.
    const chartProps = /data-island="cp-chart" data-props="([^"]*)"/.exec(resolved.body)?.[1] ?? '';
    const chart = JSON.parse(chartProps.replaceAll('&quot;', '"').replaceAll('&amp;', '&')).model;
    const closed = (await t.app.inject({ url: `/api/v1/questions/${id}` })).json();
    expect(chart.resolutionMarker).toEqual({
      time: Date.parse(closed.actual_close_time) / 1000,
      label: 'Resolved: yes',
    });
    const anonymous = await page(`/questions/${id}`);
    expect(anonymous.body).toContain('data-score-row="crowd"');
    expect(anonymous.body).not.toContain('data-score-row="mine"');
  });
});
