// GET /questions/{id}-{slug}: the question page; the bare id (or a stale slug) redirects to the
// canonical address so that links and search engines agree on one URL.
// POST /questions/{id}/forecast, …/withdraw, …/reaffirm: the forecast panel as plain HTML forms
// (no JavaScript needed). They call the same services as the API, then redirect back (303) to
// the page they came from; a refused forecast renders that page again with the typed values and
// the errors beside the fields.
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { COMMENT_SORTS } from '../../domain/discussion.ts';
import { DomainError } from '../../domain/errors.ts';
import {
  errorsFromProblems,
  FORM_ERROR,
  normalizedOptionFields,
  readForecastForm,
} from '../../domain/forecast-form.ts';
import { questionIdFromSegment, questionPath } from '../../domain/question-path.ts';
import type { ForecastFormState } from '../../domain/view-models/forecast-panel.ts';
import type { QuestionPageModel } from '../../domain/view-models/question-page.ts';
import type { Deps } from '../../services/deps.ts';
import { reaffirmForecast } from '../../services/forecasts/reaffirm-forecast.ts';
import { submitForecast } from '../../services/forecasts/submit-forecast.ts';
import { withdrawForecast } from '../../services/forecasts/withdraw-forecast.ts';
import { forecastQuestionModel } from '../../services/pages/forecast-panel-model.ts';
import { getQuestionPage } from '../../services/pages/get-question-page.ts';
import { getQuestionForActor } from '../../services/questions/find-question.ts';
import { QuestionPage } from '../../views/pages/question-page.tsx';
import { renderPage } from '../../views/render-page.tsx';
import type { App } from '../app-type.ts';
import { rateLimits } from '../plugins/rate-limits.ts';
import { safeNext } from './form-errors.ts';
import { GuestPageCache } from './guest-page-cache.ts';
import { pageContext, sendHtml, sendPage } from './render.ts';

type SegmentParams = { Params: { segment: string } };

/** Field names are the form's own (probability, option-N, component-N-part); all strings. */
const ForecastFormBody = Type.Record(
  Type.String({ maxLength: 40 }),
  Type.String({ maxLength: 200 }),
  { maxProperties: 120 },
);

/** The question page a form came from, or null (an article page, say). */
function questionPageId(back: string): number | null {
  return back.startsWith('/questions/')
    ? questionIdFromSegment(back.slice('/questions/'.length).split(/[?#]/)[0] ?? '')
    : null;
}

function segmentId(segment: string): number {
  const id = questionIdFromSegment(segment);
  if (id === null) throw new DomainError('NOT_FOUND', 'There is no such question.');
  return id;
}

/** The page a form came from (a question page), else the forecast question's own page. */
function returnPath(body: Record<string, string>, fallback: string): string {
  const next = safeNext(body.return_to);
  return next.startsWith('/questions/') || next.startsWith('/articles/') ? next : fallback;
}

/** Errors that a form shows instead of an error page. */
function formErrors(error: unknown, fields: (problems: never[]) => Record<string, string>) {
  if (!(error instanceof DomainError)) throw error;
  switch (error.code) {
    case 'VALIDATION_FAILED':
      return { status: 400, errors: fields((error.details?.fields ?? []) as never[]) };
    case 'QUESTION_NOT_OPEN':
      return {
        status: 409,
        errors: { [FORM_ERROR]: 'This question is not open for forecasting.' },
      };
    case 'NOT_FOUND':
      return { status: 404, errors: { [FORM_ERROR]: error.message } };
    default:
      throw error;
  }
}

/** The discussion's sort and page, and a forecast move's points that ask for a comment. */
function discussionOptions(request: FastifyRequest) {
  const query = (request.query ?? {}) as Record<string, unknown>;
  const rationale = Number(query.rationale);
  return {
    sort: COMMENT_SORTS.find((sort) => sort === query.sort),
    cursor: typeof query.cursor === 'string' ? query.cursor : undefined,
    rationalePoints:
      Number.isFinite(rationale) && rationale > 0 && rationale <= 100 ? rationale : null,
  };
}

export function registerQuestionPage(app: App, deps: Deps): void {
  const guestPages = new GuestPageCache(deps);
  app.addHook('onClose', () => guestPages.close());
  // A write answered by this process (a forecast, an edit) drops every cached page before its
  // response leaves, so the writer's next guest view never waits for the NOTIFY to come back.
  app.addHook('onSend', async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') guestPages.invalidate(null);
  });

  function pageOptions(model: QuestionPageModel) {
    return {
      title: model.question.title,
      description: model.question.resolutionCriteria.slice(0, 160),
      body: h(QuestionPage, { model }),
    };
  }

  async function sendQuestionPage(
    request: FastifyRequest,
    reply: FastifyReply,
    pageId: number,
    form: { questionId: number; state: ForecastFormState } | null,
    status = 200,
  ) {
    const model = await getQuestionPage(deps, {
      actor: request.actor,
      questionId: pageId,
      form,
      ...discussionOptions(request),
    });
    return sendPage(request, reply, { status, ...pageOptions(model) });
  }

  /**
   * GET's render: the canonical address or a redirect to it. With a cache key (a guest), the
   * page is stored and its HTML returned (for guests waiting on the same render); otherwise the
   * reply is.
   */
  async function renderQuestionPage(
    request: FastifyRequest<SegmentParams>,
    reply: FastifyReply,
    key: string | null,
  ): Promise<FastifyReply | string> {
    const started = guestPages.begin();
    const id = segmentId(request.params.segment);
    const question = await getQuestionForActor(deps, id, request.actor);
    const canonical = questionPath(question);
    if (canonical !== `/questions/${request.params.segment}`) {
      const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
      return reply.redirect(canonical + query, 301);
    }
    const model = await getQuestionPage(deps, {
      actor: request.actor,
      questionId: id,
      form: null,
      question,
      ...discussionOptions(request),
    });
    const html = renderPage(pageContext(request), pageOptions(model));
    sendHtml(reply, html);
    if (key === null) return reply;
    guestPages.set(key, started, html, pageQuestionIds(model), nextChange(model));
    return html;
  }

  /** Guests who post (a stale page, an expired session) sign in and come back. */
  function redirectGuest(request: FastifyRequest, reply: FastifyReply, back: string) {
    if (request.actor?.kind === 'user') return null;
    return reply.redirect(`/login?next=${encodeURIComponent(back)}`, 303);
  }

  app.get<SegmentParams>(
    '/questions/:segment',
    { schema: { hide: true } },
    async (request, reply) => {
      const key = guestPages.keyOf(request);
      if (key === null) return renderQuestionPage(request, reply, null);
      await guestPages.startListening();
      const cached = guestPages.get(key);
      if (cached !== null) return sendHtml(reply, cached);
      let isOwnRender = false;
      const shared = await guestPages.shared(key, async () => {
        isOwnRender = true;
        const rendered = await renderQuestionPage(request, reply, key);
        return typeof rendered === 'string' ? rendered : null;
      });
      if (isOwnRender) return reply;
      return shared !== null ? sendHtml(reply, shared) : renderQuestionPage(request, reply, null);
    },
  );

  app.post<SegmentParams & { Body: Record<string, string> }>(
    '/questions/:segment/forecast',
    { config: { rateLimit: rateLimits.forecast }, schema: { hide: true, body: ForecastFormBody } },
    async (request, reply) => {
      const id = segmentId(request.params.segment);
      const question = await getQuestionForActor(deps, id, request.actor);
      const model = forecastQuestionModel(question);
      const body = request.body;
      const back = returnPath(body, model.path);
      const pageId = questionPageId(back) ?? id;
      const guest = redirectGuest(request, reply, back);
      if (guest) return guest;
      const again = (state: ForecastFormState, status: number) =>
        sendQuestionPage(request, reply, pageId, { questionId: id, state }, status);
      if (body.intent === 'normalize' && question.type === 'multiple_choice') {
        const normalized = normalizedOptionFields(model, body);
        return normalized
          ? again(
              {
                values: { ...body, ...normalized },
                errors: {},
                notice: 'Rescaled to add up to 100 %. Check, then save.',
              },
              200,
            )
          : again({ values: body, errors: readErrors(model, body) }, 400);
      }
      const read = readForecastForm(model, body);
      if (!read.ok) return again({ values: body, errors: read.errors }, 400);
      let prompt: { move_points?: number } | null = null;
      try {
        const result = await submitForecast(deps, {
          actor: request.actor,
          questionId: id,
          values: read.values,
        });
        prompt = (result.body.rationale_prompt ?? null) as { move_points?: number } | null;
      } catch (error) {
        const failure = formErrors(error, (problems) => errorsFromProblems(model, problems));
        return again({ values: body, errors: failure.errors }, failure.status);
      }
      // A big move asks for a comment: the question page shows the prompt at its discussion.
      if (prompt?.move_points && back.startsWith('/questions/')) {
        const path = back.split('#')[0] ?? back;
        return reply.redirect(
          `${path}${path.includes('?') ? '&' : '?'}rationale=${prompt.move_points}#discussion`,
          303,
        );
      }
      return reply.redirect(`${back}#forecast-${id}`, 303);
    },
  );

  for (const [action, run] of [
    ['withdraw', withdrawForecast],
    ['reaffirm', reaffirmForecast],
  ] as const) {
    app.post<SegmentParams & { Body: Record<string, string> }>(
      `/questions/:segment/${action}`,
      {
        config: { rateLimit: rateLimits.forecast },
        schema: { hide: true, body: ForecastFormBody },
      },
      async (request, reply) => {
        const id = segmentId(request.params.segment);
        const question = await getQuestionForActor(deps, id, request.actor);
        const back = returnPath(request.body ?? {}, questionPath(question));
        const guest = redirectGuest(request, reply, back);
        if (guest) return guest;
        try {
          await run(deps, { actor: request.actor, questionId: id });
        } catch (error) {
          const failure = formErrors(error, () => ({}));
          const pageId = questionPageId(back) ?? id;
          return sendQuestionPage(
            request,
            reply,
            pageId,
            { questionId: id, state: { values: {}, errors: failure.errors } },
            failure.status,
          );
        }
        return reply.redirect(`${back}#forecast-${id}`, 303);
      },
    );
  }
}

function readErrors(
  model: ReturnType<typeof forecastQuestionModel>,
  body: Record<string, string>,
): Record<string, string> {
  const read = readForecastForm(model, body);
  return read.ok ? {} : read.errors;
}

/** The questions whose change alters a page: its own and its conditional family's. */
function pageQuestionIds(model: QuestionPageModel): number[] {
  const ids = new Set([model.question.id]);
  const conditional = model.conditional;
  if (conditional) {
    ids.add(conditional.child.id);
    if (conditional.branchOf) ids.add(conditional.branchOf.parent.id);
    for (const group of conditional.groups) {
      ids.add(group.parent.id);
      for (const branch of group.branches) ids.add(branch.question.id);
    }
  }
  return [...ids];
}

/** The next known time at which the page changes by itself (open, close, CP reveal). */
function nextChange(model: QuestionPageModel): Date | null {
  const now = model.now.getTime();
  const { openTime, scheduledCloseTime, cpRevealTime } = model.question;
  const future = [openTime, scheduledCloseTime, cpRevealTime].filter(
    (time): time is Date => time !== null && time.getTime() > now,
  );
  return future.length === 0 ? null : new Date(Math.min(...future.map((t) => t.getTime())));
}
