// GET /questions/{id}-{slug}: the question page; the bare id (or a stale slug) redirects to the
// canonical address so that links and search engines agree on one URL.
import { h } from 'preact';
import { DomainError } from '../../domain/errors.ts';
import { questionIdFromSegment, questionPath } from '../../domain/question-path.ts';
import type { Deps } from '../../services/deps.ts';
import { getQuestionPage } from '../../services/pages/get-question-page.ts';
import { QuestionPage } from '../../views/pages/question-page.tsx';
import type { App } from '../app.ts';
import { sendPage } from './render.ts';

export function registerQuestionPage(app: App, deps: Deps): void {
  app.get<{ Params: { segment: string } }>(
    '/questions/:segment',
    { schema: { hide: true } },
    async (request, reply) => {
      const id = questionIdFromSegment(request.params.segment);
      if (id === null) throw new DomainError('NOT_FOUND', 'There is no such question.');
      const model = await getQuestionPage(deps, { actor: request.actor, questionId: id });
      const canonical = questionPath(model.question);
      if (canonical !== `/questions/${request.params.segment}`) {
        const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
        return reply.redirect(canonical + query, 301);
      }
      return sendPage(request, reply, {
        title: model.question.title,
        description: model.question.resolutionCriteria.slice(0, 160),
        body: h(QuestionPage, { model, now: deps.clock.now() }),
      });
    },
  );
}
