// Conditional questions: one branch per parent outcome, following the child's lifecycle, and the
// implied marginal Σ P(child | parent = x)·P(parent = x) next to the child's own CP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDueJobs } from '../../../src/jobs/runner.ts';
import { forecast } from '../../factories/forecasts.ts';
import { approveDraft, createOpenQuestion, createQuestion } from '../../factories/questions.ts';
import { createUser, type TestUser } from '../../factories/users.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';

let t: TestApp;
let analyst: TestUser;
let otherAnalyst: TestUser;
let moderator: TestUser;
let reader: TestUser;
let forecaster: TestUser;

const DAY = 86_400_000;

beforeAll(async () => {
  t = await createTestApp();
  analyst = await createUser(t, { role: 'analyst' });
  otherAnalyst = await createUser(t, { role: 'analyst' });
  moderator = await createUser(t, { role: 'moderator' });
  reader = await createUser(t, { role: 'reader' });
  forecaster = await createUser(t, { role: 'reader' });
});
afterAll(() => t.close());

function makeConditional(user: TestUser | null, parentId: number, childId: number) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/questions/conditionals',
    headers: user?.auth ?? {},
    payload: { parent_id: parentId, child_id: childId },
  });
}

describe('creating conditionals', () => {
  it('creates one branch per binary parent outcome, with the child’s type, bounds and times', async () => {
    const parent = await createOpenQuestion(t, { author: analyst, moderator, title: 'Summit?' });
    const child = await createOpenQuestion(t, {
      author: analyst,
      moderator,
      type: 'numeric',
      title: 'Sanctions eased (count)',
      range_min: 0,
      range_max: 20,
      open_upper_bound: true,
    });
    // The author of both asks; the branches go through the review queue like any question.
    const response = await makeConditional(analyst, parent.id, child.id);
    expect(response.statusCode).toBe(201);
    const proposed = response.json().branches;
    expect(proposed.map((b: { condition_outcome: string }) => b.condition_outcome)).toEqual([
      'yes',
      'no',
    ]);
    expect(proposed.map((b: { status: string }) => b.status)).toEqual(['in_review', 'in_review']);
    const queue = await t.app.inject({
      url: '/api/v1/questions?status=in_review&limit=100',
      headers: moderator.auth,
    });
    const queued = queue.json().items.map((item: { id: number }) => item.id);
    expect(queued).toEqual(expect.arrayContaining(proposed.map((b: { id: number }) => b.id)));
    const branches = [];
    for (const branch of proposed) {
      const approved = await t.app.inject({
        method: 'POST',
        url: `/api/v1/questions/${branch.id}/approve`,
        headers: moderator.auth,
      });
      expect(approved.statusCode).toBe(200);
      branches.push(approved.json());
    }
    for (const branch of branches) {
      expect(branch).toMatchObject({
        type: 'numeric',
        status: 'open',
        range_min: 0,
        range_max: 20,
        open_upper_bound: true,
        condition_parent_id: parent.id,
        condition_child_id: child.id,
        open_time: child.open_time,
        scheduled_close_time: child.scheduled_close_time,
      });
      expect(branch.title).toContain('Sanctions eased');
    }
    const again = await makeConditional(analyst, parent.id, child.id);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('ALREADY_EXISTS');
  });

  it('creates a branch per option for a multiple-choice parent', async () => {
    const parent = await createOpenQuestion(t, {
      author: analyst,
      moderator,
      type: 'multiple_choice',
    });
    const child = await createOpenQuestion(t, { author: analyst, moderator });
    const response = await makeConditional(moderator, parent.id, child.id);
    expect(response.statusCode).toBe(201);
    expect(
      response.json().branches.map((b: { condition_outcome: string }) => b.condition_outcome),
    ).toEqual(['A', 'B', 'Other']);
  });

  it('rejects bad pairs, non-analysts and analysts who did not write both', async () => {
    const numeric = await createOpenQuestion(t, { author: analyst, moderator, type: 'numeric' });
    const binary = await createOpenQuestion(t, { author: analyst, moderator });
    const draft = await createQuestion(t, analyst);
    const badParent = await makeConditional(analyst, numeric.id, binary.id);
    expect(badParent.statusCode).toBe(400);
    expect(badParent.json().error.details.fields[0].path).toBe('/parent_id');
    expect((await makeConditional(analyst, binary.id, binary.id)).statusCode).toBe(400);
    const notApproved = await makeConditional(analyst, binary.id, draft.id);
    expect(notApproved.statusCode).toBe(409);
    expect(notApproved.json().error.code).toBe('INVALID_TRANSITION');
    const missing = await makeConditional(analyst, binary.id, 999_999);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('NOT_FOUND');
    expect((await makeConditional(reader, binary.id, numeric.id)).statusCode).toBe(403);
    // Another analyst may not pair questions they did not write.
    const notTheirs = await makeConditional(otherAnalyst, binary.id, numeric.id);
    expect(notTheirs.statusCode).toBe(403);
    expect(notTheirs.json().error.code).toBe('FORBIDDEN');
    expect((await makeConditional(null, binary.id, numeric.id)).statusCode).toBe(401);
    const other = await createOpenQuestion(t, { author: analyst, moderator });
    const branches = (await makeConditional(analyst, binary.id, other.id)).json().branches;
    const ofBranch = await makeConditional(analyst, branches[0].id, numeric.id);
    expect(ofBranch.statusCode).toBe(400);
  });

  it('branches of a scheduled child open and close with it', async () => {
    const parent = await createOpenQuestion(t, { author: analyst, moderator });
    const draft = await createQuestion(t, analyst);
    const now = t.clock.now().getTime();
    await approveDraft(t, draft.id, analyst, moderator, {
      open_time: new Date(now + DAY).toISOString(),
      scheduled_close_time: new Date(now + 3 * DAY).toISOString(),
      scheduled_resolve_time: new Date(now + 4 * DAY).toISOString(),
    });
    const created = await makeConditional(moderator, parent.id, draft.id);
    const branchIds: number[] = created.json().branches.map((b: { id: number }) => b.id);
    const statuses = async () =>
      Promise.all(
        branchIds.map(async (id) =>
          (await t.app.inject({ url: `/api/v1/questions/${id}` })).json(),
        ),
      );
    expect((await statuses()).map((b) => b.status)).toEqual(['scheduled', 'scheduled']);
    t.clock.advance(DAY);
    await runDueJobs(t.deps);
    expect((await statuses()).map((b) => b.status)).toEqual(['open', 'open']);
    t.clock.advance(2 * DAY);
    await runDueJobs(t.deps);
    const closed = await statuses();
    expect(closed.map((b) => b.status)).toEqual(['closed', 'closed']);
    expect(closed[0].actual_close_time).toBe(new Date(now + 3 * DAY).toISOString());
  });
});

describe('implied marginal', () => {
  it('sums P(child | parent = x)·P(parent = x) and flags a > 10 point gap', async () => {
    const parent = await createOpenQuestion(t, { author: analyst, moderator });
    const child = await createOpenQuestion(t, { author: analyst, moderator });
    const branches = (await makeConditional(moderator, parent.id, child.id)).json().branches;
    const [ifYes, ifNo] = branches;

    const empty = await t.app.inject({ url: `/api/v1/questions/${child.id}/conditionals` });
    expect(empty.statusCode).toBe(200);
    expect(empty.json()).toMatchObject({ child_id: child.id, is_incoherent: false });
    expect(empty.json().items[0].implied_marginal).toBeNull();

    await forecast(t, forecaster, parent.id, { probability_yes: 0.3 });
    await forecast(t, forecaster, ifYes.id, { probability_yes: 0.8 });
    await forecast(t, forecaster, ifNo.id, { probability_yes: 0.2 });
    await forecast(t, forecaster, child.id, { probability_yes: 0.5 });

    const response = await t.app.inject({ url: `/api/v1/questions/${child.id}/conditionals` });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.child_probability).toBeCloseTo(0.5, 12);
    expect(body.items).toHaveLength(1);
    const group = body.items[0];
    expect(group.parent.id).toBe(parent.id);
    expect(group.branches.map((b: { outcome: string }) => b.outcome)).toEqual(['yes', 'no']);
    expect(group.branches[0].parent_probability).toBeCloseTo(0.3, 12);
    expect(group.branches[0].child_probability).toBeCloseTo(0.8, 12);
    expect(group.branches[1].parent_probability).toBeCloseTo(0.7, 12);
    // 0.8·0.3 + 0.2·0.7 = 0.38, 12 points below the child's 0.5.
    expect(group.implied_marginal).toBeCloseTo(0.38, 12);
    expect(group.is_incoherent).toBe(true);
    expect(body.is_incoherent).toBe(true);

    await forecast(t, forecaster, child.id, { probability_yes: 0.45 });
    const coherent = (
      await t.app.inject({ url: `/api/v1/questions/${child.id}/conditionals` })
    ).json();
    expect(coherent.is_incoherent).toBe(false);
  });

  it('is a 404 for a child nobody may see', async () => {
    const draft = await createQuestion(t, analyst);
    const response = await t.app.inject({ url: `/api/v1/questions/${draft.id}/conditionals` });
    expect(response.statusCode).toBe(404);
  });
});

describe('clarifications reach the branches', () => {
  async function conditionalPair() {
    const parent = await createOpenQuestion(t, { author: analyst, moderator, title: 'Summit?' });
    const child = await createOpenQuestion(t, {
      author: analyst,
      moderator,
      title: 'Sanctions eased?',
      description: 'Any easing counts.',
    });
    const response = await makeConditional(moderator, parent.id, child.id);
    expect(response.statusCode).toBe(201);
    const branchIds = response.json().branches.map((b: { id: number }) => b.id) as number[];
    return { parent, child, branchIds };
  }

  async function clarify(questionId: number, payload: Record<string, unknown>) {
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/questions/${questionId}/clarifications`,
      headers: moderator.auth,
      payload,
    });
    expect(response.statusCode).toBe(201);
  }

  /** Each branch's first clarification matches `expected`. */
  async function expectFirstClarifications(branchIds: number[], expected: object) {
    for (const branchId of branchIds) {
      const [copy] = await clarificationsOf(branchId);
      expect(copy).toMatchObject(expected);
    }
  }

  async function clarificationsOf(questionId: number) {
    const response = await t.app.inject({
      url: `/api/v1/questions/${questionId}/clarifications`,
      headers: reader.auth,
    });
    expect(response.statusCode).toBe(200);
    return response.json().items as Array<Record<string, unknown>>;
  }

  it('amends every branch when the child’s description is clarified', async () => {
    const { child, branchIds } = await conditionalPair();
    await clarify(child.id, {
      body: 'Only formal easing counts.',
      field: 'description',
      new_text: 'Only formal easing by decree counts.',
    });
    for (const branchId of branchIds) {
      const branch = await t.app.inject({ url: `/api/v1/questions/${branchId}` });
      expect(branch.json().description).toBe('Only formal easing by decree counts.');
    }
    await expectFirstClarifications(branchIds, {
      version: 1,
      body: `Clarification of question ${child.id}: Only formal easing counts.`,
      field: 'description',
      previous_text: 'Any easing counts.',
      new_text: 'Only formal easing by decree counts.',
    });
  });

  it('adds the condition’s notes to the branches without changing their texts', async () => {
    const { parent, branchIds } = await conditionalPair();
    const before = await t.app.inject({ url: `/api/v1/questions/${branchIds[0]}` });
    await clarify(parent.id, {
      body: 'A meeting by video link is not a summit.',
      field: 'fine_print',
      new_text: 'Video links do not count.',
    });
    await expectFirstClarifications(branchIds, {
      body: `Clarification of the condition, question ${parent.id}: A meeting by video link is not a summit.`,
      field: null,
    });
    const after = await t.app.inject({ url: `/api/v1/questions/${branchIds[0]}` });
    expect(after.json().fine_print).toBe(before.json().fine_print);
  });
});
