// The resolution forms of the question page (plain POST forms with `_csrf`, no JavaScript) and the
// moderators' resolution queue page. Forms call the same services as the API, then redirect back
// (303) to the question's Resolution section; a refused form re-renders the page with the error
// and the typed values.
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { DomainError } from '../../domain/errors.ts';
import { questionIdFromSegment, questionPath } from '../../domain/question-path.ts';
import type { ResolutionFormState } from '../../domain/view-models/resolution.ts';
import type { Deps } from '../../services/deps.ts';
import { getQuestionPage } from '../../services/pages/get-question-page.ts';
import { buildResolutionQueue } from '../../services/pages/resolution-model.ts';
import { getQuestionForActor } from '../../services/questions/find-question.ts';
import {
  disputeResolution,
  finalizeResolution,
  proposeResolution,
  withdrawResolution,
} from '../../services/resolution/resolution-workflow.ts';
import { QuestionPage } from '../../views/pages/question-page.tsx';
import { ResolutionQueuePage } from '../../views/pages/resolution-queue-page.tsx';
import type { App } from '../app-type.ts';
import { sendPage } from './render.ts';

type SegmentParams = { Params: { segment: string } };

const FormBody = Type.Record(Type.String({ maxLength: 40 }), Type.String({ maxLength: 5000 }), {
  maxProperties: 20,
});

function segmentId(segment: string): number {
  const id = questionIdFromSegment(segment);
  if (id === null) throw new DomainError('NOT_FOUND', 'There is no such question.');
  return id;
}

/** The message a refused form shows; anything but a DomainError is a real failure. */
function formError(error: unknown): { status: number; message: string } {
  if (!(error instanceof DomainError)) throw error;
  const status =
    error.code === 'FORBIDDEN'
      ? 403
      : error.code === 'NOT_FOUND'
        ? 404
        : error.code === 'INVALID_TRANSITION' || error.code === 'ALREADY_EXISTS'
          ? 409
          : error.code === 'UNAUTHENTICATED'
            ? 401
            : 400;
  return { status, message: error.message };
}

function evidenceFrom(body: Record<string, string>) {
  const evidence: Array<{ url: string; note: string }> = [];
  if ((body.evidence_url ?? '').trim()) {
    evidence.push({ url: body.evidence_url, note: body.evidence_note ?? '' });
  }
  if ((body.evidence_url_2 ?? '').trim()) evidence.push({ url: body.evidence_url_2, note: '' });
  if (evidence.length === 0) {
    throw new DomainError('VALIDATION_FAILED', 'Add at least one evidence link.', {
      fields: [{ path: '/evidence', message: 'needs at least one link' }],
    });
  }
  return evidence;
}

function windowHours(raw: string | undefined): number | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const hours = Number(raw);
  if (!Number.isFinite(hours) || hours < 0 || hours > 8760) {
    throw new DomainError('VALIDATION_FAILED', 'The dispute window must be 0 to 8760 hours.', {
      fields: [{ path: '/dispute_window_hours', message: 'must be between 0 and 8760' }],
    });
  }
  return hours;
}

export function registerResolutionPages(app: App, deps: Deps): void {
  async function sendWithForm(
    request: FastifyRequest,
    reply: FastifyReply,
    questionId: number,
    form: ResolutionFormState,
    status: number,
  ) {
    const model = await getQuestionPage(deps, {
      actor: request.actor,
      questionId,
      resolutionForm: form,
    });
    return sendPage(request, reply, {
      status,
      title: model.question.title,
      description: model.question.resolutionCriteria.slice(0, 160),
      body: h(QuestionPage, { model }),
    });
  }

  const steps: Array<{
    action: string;
    form: ResolutionFormState['form'];
    run: (request: FastifyRequest, id: number, body: Record<string, string>) => Promise<unknown>;
  }> = [
    {
      action: 'propose',
      form: 'propose',
      run: (request, id, body) =>
        proposeResolution(deps, {
          actor: request.actor,
          questionId: id,
          resolution: body.resolution ?? '',
          evidence: evidenceFrom(body),
          note: body.note,
          disputeWindowHours: windowHours(body.dispute_window_hours),
        }),
    },
    {
      action: 'dispute',
      form: 'dispute',
      run: (request, id, body) =>
        disputeResolution(deps, {
          actor: request.actor,
          questionId: id,
          reason: body.reason ?? '',
        }),
    },
    {
      action: 'finalize',
      form: 'decide',
      run: (request, id) => finalizeResolution(deps, { actor: request.actor, questionId: id }),
    },
    {
      action: 'withdraw',
      form: 'decide',
      run: (request, id) => withdrawResolution(deps, { actor: request.actor, questionId: id }),
    },
  ];

  for (const step of steps) {
    app.post<SegmentParams & { Body: Record<string, string> }>(
      `/questions/:segment/resolution/${step.action}`,
      { schema: { hide: true, body: FormBody } },
      async (request, reply) => {
        const id = segmentId(request.params.segment);
        const question = await getQuestionForActor(deps, id, request.actor);
        const back = questionPath(question);
        if (request.actor?.kind !== 'user') {
          return reply.redirect(`/login?next=${encodeURIComponent(back)}`, 303);
        }
        const body = request.body ?? {};
        try {
          await step.run(request, id, body);
        } catch (error) {
          const failure = formError(error);
          const { _csrf: _, ...values } = body;
          return sendWithForm(
            request,
            reply,
            id,
            { form: step.form, error: failure.message, values },
            failure.status,
          );
        }
        return reply.redirect(`${back}#resolution`, 303);
      },
    );
  }

  app.get('/moderation/resolutions', { schema: { hide: true } }, async (request, reply) => {
    if (request.actor?.kind !== 'user') {
      return reply.redirect(`/login?next=${encodeURIComponent('/moderation/resolutions')}`, 303);
    }
    const items = await buildResolutionQueue(deps, request.actor);
    return sendPage(request, reply, {
      title: 'Resolution queue',
      isPrivate: true,
      body: h(ResolutionQueuePage, { items, now: deps.clock.now() }),
    });
  });
}
