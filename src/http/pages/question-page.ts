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
import type { Deps } from '../../services/deps.ts';
import { reaffirmForecast } from '../../services/forecasts/reaffirm-forecast.ts';
import { submitForecast } from '../../services/forecasts/submit-forecast.ts';
import { withdrawForecast } from '../../services/forecasts/withdraw-forecast.ts';
import { forecastQuestionModel } from '../../services/pages/forecast-panel-model.ts';
import { getQuestionPage } from '../../services/pages/get-question-page.ts';
import { getQuestionForActor } from '../../services/questions/find-question.ts';
import { QuestionPage } from '../../views/pages/question-page.tsx';
import type { App } from '../app-type.ts';
import { rateLimits } from '../plugins/rate-limits.ts';
import { safeNext } from './form-errors.ts';
import { sendPage } from './render.ts';

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

export function registerQuestionPage(app: App, deps: Deps): void {
  async function sendQuestionPage(
    request: FastifyRequest,
    reply: FastifyReply,
    pageId: number,
    form: { questionId: number; state: ForecastFormState } | null,
    status = 200,
  ) {
    const query = (request.query ?? {}) as Record<string, unknown>;
    const rationale = Number(query.rationale);
    const model = await getQuestionPage(deps, {
      actor: request.actor,
      questionId: pageId,
      form,
      sort: COMMENT_SORTS.find((sort) => sort === query.sort),
      cursor: typeof query.cursor === 'string' ? query.cursor : undefined,
      rationalePoints:
        Number.isFinite(rationale) && rationale > 0 && rationale <= 100 ? rationale : null,
    });
    return sendPage(request, reply, {
      status,
      title: model.question.title,
      description: model.question.resolutionCriteria.slice(0, 160),
      body: h(QuestionPage, { model }),
    });
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
      const id = segmentId(request.params.segment);
      const question = await getQuestionForActor(deps, id, request.actor);
      const canonical = questionPath(question);
      if (canonical !== `/questions/${request.params.segment}`) {
        const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
        return reply.redirect(canonical + query, 301);
      }
      return sendQuestionPage(request, reply, id, null);
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
