// Anyone's public profile by username: never the email or anything else private.
import { findUserByUsername } from '../../db/repositories/user-repository.ts';
import { checkUsername } from '../../domain/account-rules.ts';
import type { Role } from '../../domain/actor.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Deps } from '../deps.ts';

export interface PublicProfile {
  id: number;
  username: string;
  displayName: string | null;
  bio: string;
  role: Role;
  createdAt: Date;
}

export interface GetUserProfileInput {
  username: string;
}

export async function getUserProfile(
  deps: Deps,
  input: GetUserProfileInput,
): Promise<PublicProfile> {
  // Names that could never be registered are not looked up (NUL would even upset PostgreSQL).
  const record = checkUsername(input.username).ok
    ? await findUserByUsername(deps.database.db, input.username)
    : undefined;
  if (!record) throw new DomainError('NOT_FOUND', 'No such user.');
  return {
    id: record.id,
    username: record.username,
    displayName: record.displayName,
    bio: record.bio,
    role: record.role,
    createdAt: record.createdAt,
  };
}
