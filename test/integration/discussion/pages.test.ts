// Article and discussion pages through HTML and plain form posts (no JavaScript): an article
// with live cards, placeholders for its author only, comments with forecast badges, replies,
// votes, changed-my-mind, reports, the moderation queue, the forecast-first prompt, the
// rationale prompt, and hostile content (titles, names, comments) rendered inert.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenQuestion } from '../../factories/questions.ts';
import { createUser, signIn, type TestSession, type TestUser } from '../../factories/users.ts';
import { dangerIn } from '../../helpers/inert-html.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';

const hostile = JSON.parse(
  readFileSync(new URL('../../fixtures/hostile-markdown.json', import.meta.url), 'utf8'),
) as { cases: string[] };

let t: TestApp;
let analyst: TestUser;
let moderator: TestUser;
let reader: TestUser;
let readerSession: TestSession;
let analystSession: TestSession;
let moderatorSession: TestSession;
let questionId: number;
let articlePath: string;
let articleId: number;

function form(session: TestSession, url: string, fields: Record<string, string>) {
  return t.app.inject({
    method: 'POST',
    url,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'text/html',
      cookie: session.cookie,
    },
    payload: new URLSearchParams({ ...fields, _csrf: session.csrfToken }).toString(),
  });
}

/** GET a page, following the redirect to its canonical address. */
async function page(url: string, session?: TestSession) {
  const headers = session
    ? { cookie: session.cookie, accept: 'text/html' }
    : { accept: 'text/html' };
  const response = await t.app.inject({ method: 'GET', url, headers });
  if (response.statusCode !== 301) return response;
  return t.app.inject({ method: 'GET', url: response.headers.location as string, headers });
}

/** The page's main content (the head has its own, legitimate, meta and script tags). */
function main(html: string): string {
  return html.slice(html.indexOf('<main'), html.indexOf('</main>'));
}

beforeAll(async () => {
  t = await createTestApp();
  analyst = await createUser(t, { role: 'analyst' });
  moderator = await createUser(t, { role: 'moderator' });
  reader = await createUser(t);
  [readerSession, analystSession, moderatorSession] = await Promise.all([
    signIn(t, reader),
    signIn(t, analyst),
    signIn(t, moderator),
  ]);
  t.clock.advance(4 * 86_400_000);
  questionId = (
    await createOpenQuestion(t, { author: analyst, moderator, title: 'Summit <b>soon</b>?' })
  ).id;
});

afterAll(async () => {
  await t?.close();
});

describe('article pages', () => {
  it('the editor previews, saves a draft and publishes', async () => {
    const body = `Intro with <script>alert(1)</script>.\n\n{{question:${questionId}}}\n\n{{question:424242}}\n`;
    const preview = await form(analystSession, '/articles/new', {
      title: 'Outlook <img src=x onerror=alert(1)>',
      body,
      intent: 'preview',
    });
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('readers will not see this card');
    expect(dangerIn(main(preview.body), { isPage: true })).toBeNull();
    const saved = await form(analystSession, '/articles/new', {
      title: 'Outlook <img src=x onerror=alert(1)>',
      body,
      tags: 'us-russia, arctic',
      intent: 'publish',
    });
    expect(saved.statusCode).toBe(303);
    articlePath = saved.headers.location as string;
    expect(articlePath).toMatch(/^\/articles\/\d+-outlook-img-src-x-onerror-alert-1$/);
    articleId = Number(/\/articles\/(\d+)/.exec(articlePath)?.[1]);
  });

  it('readers see the card and the discussion, not the placeholder; the author sees it', async () => {
    const asReader = await page(articlePath, readerSession);
    expect(asReader.statusCode).toBe(200);
    expect(asReader.body).toContain('data-island="forecast-panel"');
    expect(asReader.body).toContain('Summit &lt;b>soon&lt;/b>?');
    expect(asReader.body).not.toContain('readers will not see this card');
    expect(asReader.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(asReader.body).toContain('id="discussion"');
    const asAuthor = await page(articlePath, analystSession);
    expect(asAuthor.body).toContain('{{question:424242}}: readers will not see this card');
    const list = await page('/articles');
    expect(list.body).toContain(articlePath);
    const bare = await t.app.inject({ method: 'GET', url: `/articles/${articleId}` });
    expect(bare.statusCode).toBe(301);
    expect(bare.headers.location).toBe(articlePath);
  });

  it('a reader forecasts from the article card and comes back to the article', async () => {
    const response = await form(readerSession, `/questions/${questionId}/forecast`, {
      probability: '62',
      return_to: articlePath,
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`${articlePath}#forecast-${questionId}`);
  });
});

describe('discussion pages', () => {
  let commentId: number;

  it('a comment shows the forecast badge; replies, votes and minds changed work as forms', async () => {
    const posted = await form(readerSession, '/comments', {
      target_type: 'article',
      target_id: String(articleId),
      body: 'The invitation is what matters here. <img src=x onerror=alert(1)>',
      return_to: articlePath,
    });
    expect(posted.statusCode).toBe(303);
    commentId = Number(/#comment-(\d+)/.exec(posted.headers.location as string)?.[1]);
    const reply = await form(analystSession, '/comments', {
      target_type: 'article',
      target_id: String(articleId),
      parent_id: String(commentId),
      body: 'Agreed, @' + reader.username,
      return_to: articlePath,
    });
    expect(reply.statusCode).toBe(303);
    await form(analystSession, `/comments/${commentId}/vote`, {
      value: '1',
      return_to: articlePath,
    });
    await form(analystSession, `/comments/${commentId}/changed-my-mind`, {
      changed: 'true',
      return_to: articlePath,
    });
    const html = (await page(articlePath, readerSession)).body;
    expect(html).toContain('Forecast when posting:</span> 62');
    // Its author sees the counts; others see them on the buttons.
    expect(html).toContain('1 up · 0 down · 1 changed their');
    const asOther = (await page(articlePath, moderatorSession)).body;
    expect(asOther).toContain('Upvote (1)');
    expect(asOther).toContain('Changed my mind (1)');
    expect(html).toContain('1 reply');
    expect(html).toMatch(/<details class="comment-replies" open/);
    const section = html.slice(html.indexOf('id="discussion"'));
    expect(dangerIn(section, { isPage: true })).toBeNull();
  });

  it('reports reach the moderation page, where a moderator hides the comment', async () => {
    const reported = await form(analystSession, '/reports', {
      target_type: 'comment',
      target_id: String(commentId),
      reason: 'Off topic',
      return_to: articlePath,
    });
    expect(reported.statusCode).toBe(303);
    expect((await page('/moderation', readerSession)).statusCode).toBe(403);
    const queue = await page('/moderation', moderatorSession);
    expect(queue.body).toContain('Off topic');
    const hidden = await form(moderatorSession, `/moderation/comments/${commentId}/hide`, {
      return_to: '/moderation',
    });
    expect(hidden.statusCode).toBe(303);
    const html = (await page(articlePath, analystSession)).body;
    expect(html).toContain('[hidden by a moderator]');
    expect(html).toContain('Agreed,');
  });

  it('hostile comments and names render inert on the page', async () => {
    for (const [index, source] of hostile.cases.entries()) {
      const response = await form(readerSession, '/comments', {
        target_type: 'question',
        target_id: String(questionId),
        body: `${source}\n\nnumber ${index}`,
        return_to: `/questions/${questionId}`,
      });
      expect(response.statusCode, source).toBe(303);
    }
    const html = (await page(`/questions/${questionId}?sort=newest`, readerSession)).body;
    const section = html.slice(html.indexOf('id="discussion"'), html.indexOf('</main>'));
    expect(section.length).toBeGreaterThan(1000);
    expect(dangerIn(section, { isPage: true })).toBeNull();
  });
});

describe('question pages', () => {
  it('forecast-first questions prompt for a forecast instead of the discussion', async () => {
    const question = await createOpenQuestion(t, {
      author: analyst,
      moderator,
      title: 'Forecast first',
      is_forecast_before_crowd: true,
    });
    const html = (await page(`/questions/${question.id}`, readerSession)).body;
    expect(html).toContain('Forecast first.');
    expect(html).not.toContain('Post comment');
  });

  it('a big move redirects to the discussion with a rationale prompt', async () => {
    await form(readerSession, `/questions/${questionId}/forecast`, { probability: '20' });
    const moved = await form(readerSession, `/questions/${questionId}/forecast`, {
      probability: '60',
    });
    expect(moved.statusCode).toBe(303);
    expect(moved.headers.location).toMatch(/\?rationale=40#discussion$/);
    const html = (await page(moved.headers.location as string, readerSession)).body;
    expect(html).toContain('Your forecast moved by 40 points. What changed your mind?');
  });
});
