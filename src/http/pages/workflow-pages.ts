// The analyst, moderator and admin pages as plain HTML forms (no JavaScript needed), calling the
// same use cases as the API: new question and edit draft, My drafts with "submit for review",
// the review queue (approve with times, or send back with a note), and the admin page (roles,
// bans, audit log). Success redirects (303) to the list with a notice; a refused form is shown
// again with the typed values and the errors beside the fields.
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { ROLES, type Role } from '../../domain/actor.ts';
import { DomainError, type FieldProblem } from '../../domain/errors.ts';
import { checkQuestionContent } from '../../domain/question-fields.ts';
import {
  describeProblem,
  errorsFromProblems,
  humanizeProblem,
  parseUtcDateTime,
  QUESTION_FORM_FIELDS,
  type QuestionFormErrors,
  type QuestionFormValues,
  questionToFormValues,
  readQuestionForm,
} from '../../domain/question-form.ts';
import type { ApproveFormState, QuestionFormModel } from '../../domain/view-models/workflow.ts';
import { requireUser } from '../../services/auth/require-user.ts';
import type { Deps } from '../../services/deps.ts';
import {
  getAdminPage,
  getDraftsPage,
  getEditableDraft,
  getReviewQueue,
} from '../../services/pages/get-workflow-pages.ts';
import { approveQuestion } from '../../services/questions/approve-question.ts';
import { createQuestion } from '../../services/questions/create-question.ts';
import { rejectQuestion } from '../../services/questions/reject-question.ts';
import { submitQuestion } from '../../services/questions/submit-question.ts';
import { updateQuestion } from '../../services/questions/update-question.ts';
import { updateUserAccess } from '../../services/users/update-user-access.ts';
import { AdminPage } from '../../views/pages/workflow/admin-page.tsx';
import { DraftsPage } from '../../views/pages/workflow/drafts-page.tsx';
import { QuestionFormPage } from '../../views/pages/workflow/question-form-page.tsx';
import { ReviewPage } from '../../views/pages/workflow/review-page.tsx';
import type { App } from '../app-type.ts';
import { rateLimits } from '../plugins/rate-limits.ts';
import { sendPage } from './render.ts';

type IdParams = { Params: { id: string } };

/** Form posts: field names to strings (texts up to the longest a question allows). */
const FormBody = Type.Record(Type.String({ maxLength: 60 }), Type.String({ maxLength: 40_000 }), {
  maxProperties: 60,
});
type FormBodyType = { Body: Record<string, string> };

const NoticeQuery = Type.Object({ done: Type.Optional(Type.String({ maxLength: 20 })) });

const AdminQuery = Type.Object({
  users: Type.Optional(Type.String({ maxLength: 200 })),
  audit: Type.Optional(Type.String({ maxLength: 200 })),
  done: Type.Optional(Type.String({ maxLength: 20 })),
});

const AdminUserBody = Type.Object({
  role: Type.Optional(Type.Union(ROLES.map((role) => Type.Literal(role)))),
  is_banned: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])),
  users_cursor: Type.Optional(Type.String({ maxLength: 200 })),
  _csrf: Type.Optional(Type.String({ maxLength: 200 })),
});

/** Notices after a redirect, by a fixed code (never text from the address). */
const DRAFT_NOTICES: Record<string, string> = {
  created: 'Draft saved. Submit it for review when it is ready.',
  saved: 'Changes saved.',
  submitted: 'Submitted for review. A moderator will approve it or send it back with a note.',
};
const REVIEW_NOTICES: Record<string, string> = {
  approved: 'Question approved. It opens at the time you set.',
  rejected: 'Sent back to the author with your note.',
  gone: 'That question is no longer in review.',
};
const ADMIN_NOTICES: Record<string, string> = { updated: 'Account updated.' };

function noticeOf(notices: Record<string, string>, code: string | undefined): string | null {
  return code !== undefined && Object.hasOwn(notices, code) ? notices[code]! : null;
}

function idOf(text: string): number {
  if (!/^[1-9]\d{0,14}$/.test(text)) throw new DomainError('NOT_FOUND', 'There is no such page.');
  return Number(text);
}

/** Guests go to the sign-in page and come back (to the page itself after a post). */
function redirectGuest(request: FastifyRequest, reply: FastifyReply, back?: string) {
  if (request.credentials?.session) return null;
  const next = back ?? request.url;
  return reply.redirect(`/login?next=${encodeURIComponent(next)}`, 303);
}

function validationProblems(error: unknown): FieldProblem[] | null {
  if (error instanceof DomainError && error.code === 'VALIDATION_FAILED') {
    return (error.details?.fields ?? []) as FieldProblem[];
  }
  return null;
}

function formValues(body: Record<string, string>): QuestionFormValues {
  const values: QuestionFormValues = {};
  for (const field of QUESTION_FORM_FIELDS) {
    const value = body[field];
    if (typeof value === 'string') values[field] = value;
  }
  return values;
}

export function registerWorkflowPages(app: App, deps: Deps): void {
  function sendQuestionForm(
    request: FastifyRequest,
    reply: FastifyReply,
    model: QuestionFormModel,
    status = 200,
  ) {
    return sendPage(request, reply, {
      status,
      title: model.questionId === null ? 'New question' : 'Edit draft',
      isPrivate: true,
      body: h(QuestionFormPage, { model }),
    });
  }

  /**
   * Saves the posted form through `save`; on refusal shows the form again with every problem:
   * those of the form's own format and those of the services' rules.
   */
  async function saveQuestionForm(
    request: FastifyRequest<FormBodyType>,
    reply: FastifyReply,
    questionId: number | null,
    reviewNote: string | null,
    save: (input: ReturnType<typeof readQuestionForm>['input']) => Promise<{ id: number }>,
  ) {
    const values = formValues(request.body);
    const read = readQuestionForm(values);
    const again = (errors: QuestionFormErrors) =>
      sendQuestionForm(request, reply, { questionId, reviewNote, form: { values, errors } }, 400);
    if (!read.ok) {
      // The rules' view of the rest, so that one round shows every problem.
      const check = checkQuestionContent(read.input);
      const ruleErrors = check.ok ? {} : errorsFromProblems(check.fields, read.input.type);
      return again({ ...ruleErrors, ...read.errors });
    }
    try {
      const saved = await save(read.input);
      const done = questionId === null ? 'created' : 'saved';
      return reply.redirect(`/drafts?done=${done}#draft-${saved.id}`, 303);
    } catch (error) {
      const problems = validationProblems(error);
      if (!problems) throw error;
      return again(errorsFromProblems(problems, read.input.type));
    }
  }

  app.get('/questions/new', { schema: { hide: true } }, async (request, reply) => {
    const guest = redirectGuest(request, reply);
    if (guest) return guest;
    requireUser(request.actor, { role: 'analyst' });
    return sendQuestionForm(request, reply, {
      questionId: null,
      reviewNote: null,
      form: { values: { type: 'binary' }, errors: {} },
    });
  });

  app.post<FormBodyType>(
    '/questions/new',
    { config: { rateLimit: rateLimits.write }, schema: { hide: true, body: FormBody } },
    async (request, reply) => {
      const guest = redirectGuest(request, reply, '/questions/new');
      if (guest) return guest;
      requireUser(request.actor, { role: 'analyst' });
      return saveQuestionForm(request, reply, null, null, (question) =>
        createQuestion(deps, { actor: request.actor, question }),
      );
    },
  );

  app.get<IdParams>('/drafts/:id/edit', { schema: { hide: true } }, async (request, reply) => {
    const guest = redirectGuest(request, reply);
    if (guest) return guest;
    const question = await getEditableDraft(deps, {
      actor: request.actor,
      questionId: idOf(request.params.id),
    });
    return sendQuestionForm(request, reply, {
      questionId: question.id,
      reviewNote: question.reviewNote,
      form: { values: questionToFormValues(question), errors: {} },
    });
  });

  app.post<IdParams & FormBodyType>(
    '/drafts/:id/edit',
    { config: { rateLimit: rateLimits.write }, schema: { hide: true, body: FormBody } },
    async (request, reply) => {
      const id = idOf(request.params.id);
      const guest = redirectGuest(request, reply, `/drafts/${id}/edit`);
      if (guest) return guest;
      const question = await getEditableDraft(deps, { actor: request.actor, questionId: id });
      return saveQuestionForm(request, reply, id, question.reviewNote, (patch) =>
        updateQuestion(deps, { actor: request.actor, questionId: id, patch }),
      );
    },
  );

  app.get<{ Querystring: { done?: string } }>(
    '/drafts',
    { schema: { hide: true, querystring: NoticeQuery } },
    async (request, reply) => {
      const guest = redirectGuest(request, reply);
      if (guest) return guest;
      const model = await getDraftsPage(deps, {
        actor: request.actor,
        notice: noticeOf(DRAFT_NOTICES, request.query.done),
      });
      return sendPage(request, reply, {
        title: 'My drafts',
        isPrivate: true,
        body: h(DraftsPage, { model }),
      });
    },
  );

  app.post<IdParams & FormBodyType>(
    '/drafts/:id/submit',
    { config: { rateLimit: rateLimits.write }, schema: { hide: true, body: FormBody } },
    async (request, reply) => {
      const guest = redirectGuest(request, reply, '/drafts');
      if (guest) return guest;
      const id = idOf(request.params.id);
      try {
        await submitQuestion(deps, { actor: request.actor, questionId: id });
      } catch (error) {
        let message: string;
        const problems = validationProblems(error);
        if (problems) message = problems.map(describeProblem).join(' ');
        else if (error instanceof DomainError && error.code === 'INVALID_TRANSITION') {
          message = 'This question is no longer a draft.';
        } else throw error;
        const model = await getDraftsPage(deps, {
          actor: request.actor,
          submitError: { questionId: id, message },
        });
        return sendPage(request, reply, {
          status: problems ? 400 : 409,
          title: 'My drafts',
          isPrivate: true,
          body: h(DraftsPage, { model }),
        });
      }
      return reply.redirect(`/drafts?done=submitted#draft-${id}`, 303);
    },
  );

  async function sendReviewQueue(
    request: FastifyRequest,
    reply: FastifyReply,
    options: Parameters<typeof getReviewQueue>[1],
    status = 200,
  ) {
    const model = await getReviewQueue(deps, options);
    return sendPage(request, reply, {
      status,
      title: 'Review queue',
      isPrivate: true,
      body: h(ReviewPage, { model }),
    });
  }

  app.get<{ Querystring: { done?: string } }>(
    '/review',
    { schema: { hide: true, querystring: NoticeQuery } },
    async (request, reply) => {
      const guest = redirectGuest(request, reply);
      if (guest) return guest;
      return sendReviewQueue(request, reply, {
        actor: request.actor,
        notice: noticeOf(REVIEW_NOTICES, request.query.done),
      });
    },
  );

  /** A question that left review meanwhile (another moderator was quicker). */
  function isGone(error: unknown): boolean {
    return (
      error instanceof DomainError &&
      (error.code === 'INVALID_TRANSITION' || error.code === 'NOT_FOUND')
    );
  }

  app.post<IdParams & FormBodyType>(
    '/review/:id/approve',
    { config: { rateLimit: rateLimits.write }, schema: { hide: true, body: FormBody } },
    async (request, reply) => {
      const guest = redirectGuest(request, reply, '/review');
      if (guest) return guest;
      const id = idOf(request.params.id);
      const field = (name: string) => request.body[`q${id}-${name}`] ?? '';
      const approve: ApproveFormState = {
        values: {
          open_time: field('open_time'),
          scheduled_close_time: field('scheduled_close_time'),
          scheduled_resolve_time: field('scheduled_resolve_time'),
        },
        errors: {},
      };
      const times: Record<string, Date | undefined> = {};
      for (const name of ['open_time', 'scheduled_close_time', 'scheduled_resolve_time'] as const) {
        const date = parseUtcDateTime(approve.values[name]);
        if (date === undefined)
          approve.errors[name] = 'Enter a date and time, e.g. 2027-01-31 09:30.';
        times[name] = date ?? undefined;
      }
      const refused = (status: number) =>
        sendReviewQueue(
          request,
          reply,
          { actor: request.actor, posted: { questionId: id, approve } },
          status,
        );
      if (Object.keys(approve.errors).length > 0) return refused(400);
      try {
        await approveQuestion(deps, {
          actor: request.actor,
          questionId: id,
          openTime: times.open_time,
          scheduledCloseTime: times.scheduled_close_time,
          scheduledResolveTime: times.scheduled_resolve_time,
        });
      } catch (error) {
        if (isGone(error)) return reply.redirect('/review?done=gone', 303);
        const problems = validationProblems(error);
        if (!problems) throw error;
        for (const problem of problems) {
          const name = problem.path.replace(/^\//, '');
          const key = (
            ['open_time', 'scheduled_close_time', 'scheduled_resolve_time'] as const
          ).find((time) => time === name);
          const message = humanizeProblem(problem.message);
          if (key) approve.errors[key] ??= message;
          else approve.errors.form ??= describeProblem(problem);
        }
        return refused(400);
      }
      return reply.redirect('/review?done=approved', 303);
    },
  );

  app.post<IdParams & FormBodyType>(
    '/review/:id/reject',
    { config: { rateLimit: rateLimits.write }, schema: { hide: true, body: FormBody } },
    async (request, reply) => {
      const guest = redirectGuest(request, reply, '/review');
      if (guest) return guest;
      const id = idOf(request.params.id);
      const note = request.body[`q${id}-note`] ?? '';
      try {
        await rejectQuestion(deps, { actor: request.actor, questionId: id, note });
      } catch (error) {
        if (isGone(error)) return reply.redirect('/review?done=gone', 303);
        const problems = validationProblems(error);
        if (!problems) throw error;
        const message =
          note.trim() === ''
            ? 'Write a note: the author needs to know what to change.'
            : humanizeProblem(problems[0]?.message ?? 'is not valid');
        return sendReviewQueue(
          request,
          reply,
          { actor: request.actor, posted: { questionId: id, reject: { note, error: message } } },
          400,
        );
      }
      return reply.redirect('/review?done=rejected', 303);
    },
  );

  app.get<{ Querystring: { users?: string; audit?: string; done?: string } }>(
    '/admin',
    { schema: { hide: true, querystring: AdminQuery } },
    async (request, reply) => {
      const guest = redirectGuest(request, reply);
      if (guest) return guest;
      const cursors = { users: request.query.users, audit: request.query.audit };
      const model = await getAdminPage(deps, {
        actor: request.actor,
        usersCursor: cursors.users,
        auditCursor: cursors.audit,
        notice: noticeOf(ADMIN_NOTICES, request.query.done),
      });
      return sendPage(request, reply, {
        title: 'Administration',
        isPrivate: true,
        body: h(AdminPage, { model, cursors }),
      });
    },
  );

  app.post<
    IdParams & { Body: { role?: Role; is_banned?: 'true' | 'false'; users_cursor?: string } }
  >(
    '/admin/users/:id',
    { config: { rateLimit: rateLimits.write }, schema: { hide: true, body: AdminUserBody } },
    async (request, reply) => {
      const guest = redirectGuest(request, reply, '/admin');
      if (guest) return guest;
      const id = idOf(request.params.id);
      const { role, is_banned: banned, users_cursor: usersCursor } = request.body;
      if (role === undefined && banned === undefined) {
        throw new DomainError('VALIDATION_FAILED', 'Choose a role or a ban status.');
      }
      try {
        await updateUserAccess(deps, {
          actor: request.actor,
          userId: id,
          role,
          isBanned: banned === undefined ? undefined : banned === 'true',
        });
      } catch (error) {
        if (!(error instanceof DomainError) || error.code !== 'FORBIDDEN') throw error;
        // An admin's own row: shown beside it (its controls are not offered, but a stale page may).
        const model = await getAdminPage(deps, {
          actor: request.actor,
          usersCursor,
          userError: { userId: id, message: error.message },
        });
        return sendPage(request, reply, {
          status: 403,
          title: 'Administration',
          isPrivate: true,
          body: h(AdminPage, { model, cursors: { users: usersCursor } }),
        });
      }
      const query = new URLSearchParams({ done: 'updated' });
      if (usersCursor) query.set('users', usersCursor);
      return reply.redirect(`/admin?${query.toString()}#user-${id}`, 303);
    },
  );
}
