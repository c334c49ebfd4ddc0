// Edits the signed-in user's public profile fields (display name, bio).
import { updateUser, withoutSecrets } from '../../db/repositories/user-repository.ts';
import { checkBio, checkDisplayName, type FieldCheck } from '../../domain/account-rules.ts';
import type { Actor } from '../../domain/actor.ts';
import { DomainError, type FieldProblem } from '../../domain/errors.ts';
import type { User } from '../../domain/user.ts';
import { requireUser } from '../auth/require-user.ts';
import type { Deps } from '../deps.ts';

export interface UpdateMyProfileInput {
  actor: Actor | null;
  /** null or "" clears it */
  displayName?: string | null;
  bio?: string;
}

export async function updateMyProfile(deps: Deps, input: UpdateMyProfileInput): Promise<User> {
  const actor = requireUser(input.actor, { scope: 'write' });
  const displayName =
    input.displayName === undefined
      ? undefined
      : input.displayName === null || input.displayName.trim() === ''
        ? null
        : input.displayName.trim();
  const problems: FieldProblem[] = [];
  const add = (path: string, check: FieldCheck) => {
    if (!check.ok) problems.push({ path, message: check.reason });
  };
  if (typeof displayName === 'string') add('/display_name', checkDisplayName(displayName));
  if (input.bio !== undefined) add('/bio', checkBio(input.bio));
  if (problems.length > 0) {
    throw new DomainError('VALIDATION_FAILED', `${problems[0]!.path}: ${problems[0]!.message}`, {
      fields: problems,
    });
  }
  const record = await updateUser(deps.database.db, actor.userId, { displayName, bio: input.bio });
  if (!record) throw new DomainError('UNAUTHENTICATED', 'This account no longer exists.');
  return withoutSecrets(record);
}
