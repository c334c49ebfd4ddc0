// Follow / Unfollow as a form post (works without JavaScript): POST /follows, back to the page.
import type { FollowButtonModel } from '../../domain/view-models/notifications.ts';
import { PostForm } from './form-fields.tsx';

export function FollowButton({ model }: { model: FollowButtonModel }) {
  return (
    <PostForm action="/follows" class="inline-form follow-form">
      <input type="hidden" name="target_type" value={model.targetType} />
      <input type="hidden" name="target_id" value={String(model.targetId)} />
      <input type="hidden" name="action" value={model.isFollowing ? 'unfollow' : 'follow'} />
      <input type="hidden" name="return_to" value={model.returnTo} />
      <button
        type="submit"
        class={model.isFollowing ? 'secondary button-small' : 'primary button-small'}
        aria-pressed={model.isFollowing ? 'true' : 'false'}
        aria-label={`${model.isFollowing ? 'Following' : 'Follow'} ${model.targetName}`}
      >
        {model.isFollowing ? 'Following' : 'Follow'}
      </button>
    </PostForm>
  );
}
