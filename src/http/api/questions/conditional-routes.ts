// Conditional pairs: make a question conditional on another, and read a child's branches.
import type { Deps } from '../../../services/deps.ts';
import { createConditionalQuestions } from '../../../services/questions/create-conditional-questions.ts';
import { getConditionals } from '../../../services/questions/get-conditionals.ts';
import type { App } from '../../app-type.ts';
import { errors, SIGNED_IN } from '../kit/conventions.ts';
import { IdParamsSchema } from '../kit/schemas.ts';
import { presentConditionals, presentQuestion } from './presenters.ts';
import {
  ConditionalBodySchema,
  ConditionalsSchema,
  CreatedConditionalsSchema,
  QUESTION_TAGS,
} from './schemas.ts';

export function registerConditionalRoutes(app: App, deps: Deps): void {
  app.post(
    '/api/v1/questions/conditionals',
    {
      schema: {
        tags: QUESTION_TAGS,
        summary: 'Make a question conditional on a binary or multiple-choice parent',
        description: 'Creates one branch question per parent outcome (analyst or above).',
        security: SIGNED_IN,
        body: ConditionalBodySchema,
        response: { 201: CreatedConditionalsSchema, ...errors(404, 409) },
      },
    },
    async (request, reply) => {
      const result = await createConditionalQuestions(deps, {
        actor: request.actor,
        parentId: request.body.parent_id,
        childId: request.body.child_id,
      });
      return reply.status(201).send({
        parent_id: result.parent.id,
        child_id: result.child.id,
        branches: result.branches.map(presentQuestion),
      });
    },
  );

  app.get(
    '/api/v1/questions/:id/conditionals',
    {
      schema: {
        tags: QUESTION_TAGS,
        summary: "A child question's conditional branches and the implied marginal",
        params: IdParamsSchema,
        response: { 200: ConditionalsSchema },
      },
    },
    async (request) =>
      presentConditionals(
        await getConditionals(deps, { actor: request.actor, childId: request.params.id }),
      ),
  );
}
