// The page base: security headers, hashed assets with long caching, the home feed's cards and
// links, the question page's canonical address, escaping, and friendly HTML errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenQuestion, createQuestion } from '../../factories/questions.ts';
import { createForecastingCast, type TestUser } from '../../factories/users.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';

let t: TestApp;
let author: TestUser;
let moderator: TestUser;
const HOSTILE = '<script>alert("x")</script> & "quotes" </div>';

beforeAll(async () => {
  t = await createTestApp();
  ({ author, moderator } = await createForecastingCast(t, 0));
});

afterAll(async () => {
  await t?.close();
});

const html = { accept: 'text/html' };

describe('security headers', () => {
  it('sends a CSP without inline scripts or eval, no framing, and a referrer policy', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/', headers: html });
    expect(response.statusCode).toBe(200);
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(response.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(response.headers['x-frame-options']).toBe('DENY');
    // No inline script of any kind in the page.
    expect(response.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });
});

describe('assets', () => {
  it('links a hashed stylesheet served with immutable year-long caching', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/', headers: html });
    const href = /<link rel="stylesheet" href="(\/assets\/app-[A-Z0-9]+\.css)"/.exec(
      page.body,
    )?.[1];
    expect(href).toBeDefined();
    const css = await t.app.inject({ method: 'GET', url: href! });
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toContain('text/css');
    expect(css.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(css.body).toContain('prefers-color-scheme:dark');
  });

  it('does not serve the manifest or unknown files', async () => {
    for (const url of ['/assets/manifest.json', '/assets/nope-1234.js']) {
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(404);
    }
  });
});

describe('home feed and question page', () => {
  let questionId: number;

  beforeAll(async () => {
    const question = await createOpenQuestion(t, { author, moderator, title: HOSTILE });
    questionId = question.id;
    await createQuestion(t, author, { title: 'A private draft nobody else sees' });
  });

  it('lists open questions, escaping their titles and linking to their pages', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/', headers: html });
    expect(response.body).toContain(
      `<a href="/questions/${questionId}-script-alert-x-script-quotes-div">&lt;script>alert(&quot;x&quot;)&lt;/script> &amp; &quot;quotes&quot; &lt;/div></a>`,
    );
    expect(response.body).not.toContain('<script>alert');
    expect(response.body).not.toContain('A private draft');
  });

  it('shows the question page with the title as h1, redirecting the bare id', async () => {
    const bare = await t.app.inject({ method: 'GET', url: `/questions/${questionId}?a=1` });
    expect(bare.statusCode).toBe(301);
    const canonical = `/questions/${questionId}-script-alert-x-script-quotes-div`;
    expect(bare.headers.location).toBe(`${canonical}?a=1`);
    const page = await t.app.inject({ method: 'GET', url: canonical, headers: html });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(
      '<h1>&lt;script>alert(&quot;x&quot;)&lt;/script> &amp; &quot;quotes&quot; &lt;/div></h1>',
    );
  });

  it('answers unknown and hidden questions with the friendly 404 page', async () => {
    const draft = await createQuestion(t, author, { title: 'Hidden draft' });
    for (const url of [`/questions/${draft.id}`, '/questions/999999', '/questions/abc']) {
      const response = await t.app.inject({ method: 'GET', url, headers: html });
      expect(response.statusCode, url).toBe(404);
      expect(response.headers['content-type']).toContain('text/html');
      expect(response.body).toContain('<h1>Page not found</h1>');
      expect(response.body).toContain('href="/login"');
    }
  });

  it('rejects a bad feed query with a 400 page, not a 500', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/?sort=random', headers: html });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Error 400');
  });
});
