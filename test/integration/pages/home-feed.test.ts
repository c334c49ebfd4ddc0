// The home feed's sorts, filters and pages, from the HTML a reader gets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forecast } from '../../factories/forecasts.ts';
import { createOpenQuestion } from '../../factories/questions.ts';
import { createForecastingCast } from '../../factories/users.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';

let t: TestApp;
const DAY_MS = 86_400_000;

beforeAll(async () => {
  t = await createTestApp();
  const { author, moderator, users } = await createForecastingCast(t, 3);
  const at = (days: number) => new Date(t.clock.now().getTime() + days * DAY_MS).toISOString();
  const mover = await createOpenQuestion(t, {
    author,
    moderator,
    title: 'Mover question',
    tags: ['energy'],
    scheduled_close_time: at(60),
    scheduled_resolve_time: at(61),
  });
  const popular = await createOpenQuestion(t, {
    author,
    moderator,
    title: 'Popular question',
    scheduled_close_time: at(90),
    scheduled_resolve_time: at(91),
  });
  await createOpenQuestion(t, {
    author,
    moderator,
    title: 'Closing question',
    scheduled_close_time: at(20),
    scheduled_resolve_time: at(21),
  });
  await forecast(t, users[0]!, mover.id, { probability_yes: 0.2 });
  t.clock.advance(8 * DAY_MS);
  await forecast(t, users[0]!, mover.id, { probability_yes: 0.8 });
  for (const user of users) await forecast(t, user, popular.id, { probability_yes: 0.5 });
});

afterAll(async () => {
  await t?.close();
});

async function titles(query: string): Promise<string[]> {
  const response = await t.app.inject({ method: 'GET', url: `/${query}` });
  expect(response.statusCode).toBe(200);
  return [...response.body.matchAll(/<h3><a href="[^"]+">([^<]+)<\/a><\/h3>/g)].map((m) => m[1]!);
}

describe('home feed sorts', () => {
  it('orders by newest, closing soon, most forecasters and biggest 7-day move', async () => {
    expect(await titles('')).toEqual(['Closing question', 'Popular question', 'Mover question']);
    expect(await titles('?sort=closing_soon')).toEqual([
      'Closing question',
      'Mover question',
      'Popular question',
    ]);
    expect((await titles('?sort=most_forecasters'))[0]).toBe('Popular question');
    expect((await titles('?sort=biggest_move'))[0]).toBe('Mover question');
  });

  it('says the week’s move on the card', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/?sort=biggest_move' });
    expect(response.body).toContain('up 60\u00a0pts this week');
  });
});

describe('home feed filters', () => {
  it('filters by tag and search text, offering the tags in use', async () => {
    expect(await titles('?tag=energy')).toEqual(['Mover question']);
    expect(await titles('?q=popular')).toEqual(['Popular question']);
    const page = await t.app.inject({ method: 'GET', url: '/' });
    expect(page.body).toContain('<option value="energy">energy</option>');
  });

  it('refuses a cursor it did not issue', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/?cursor=bm9wZQ' });
    expect(response.statusCode).toBe(400);
  });
});
