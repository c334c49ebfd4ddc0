// Maps service results to API JSON (snake_case, RFC 3339 times); each view adds to the one before.
import type { User } from '../../../domain/user.ts';
import type { PublicProfile } from '../../../services/users/get-user-profile.ts';

export function presentPublicUser(profile: PublicProfile) {
  return {
    id: profile.id,
    username: profile.username,
    display_name: profile.displayName,
    bio: profile.bio,
    role: profile.role,
    created_at: profile.createdAt.toISOString(),
  };
}

export function presentOwnUser(user: User) {
  return { ...presentPublicUser(user), email: user.email };
}

export function presentAdminUser(user: User) {
  return { ...presentOwnUser(user), is_banned: user.isBanned };
}
