// A registered account as the services see it (never with its password hash).
import type { Role } from './actor.ts';

export interface User {
  id: number;
  username: string;
  email: string;
  role: Role;
  displayName: string | null;
  bio: string;
  isBanned: boolean;
  createdAt: Date;
}

/** Accounts younger than this are "new" and get lower forecast / write rate limits (docs/design.md). */
export const NEW_ACCOUNT_AGE_MS = 24 * 60 * 60 * 1000;

export function isNewAccount(createdAt: Date, now: Date): boolean {
  return now.getTime() - createdAt.getTime() < NEW_ACCOUNT_AGE_MS;
}
