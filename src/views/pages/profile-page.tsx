// A user's public profile: name, bio, member since, and the public questions they forecast.
import { questionPath } from '../../domain/question-path.ts';
import type { PublicProfileModel } from '../../domain/view-models/account.ts';
import { FollowButton } from '../components/follow-button.tsx';
import { TYPE_LABELS } from '../components/question-card.tsx';
import { TrackRecordSection } from '../components/track-record.tsx';
import { formatDay } from '../format/dates.ts';

export function ProfilePage({ model }: { model: PublicProfileModel }) {
  const name = model.displayName ?? model.username;
  return (
    <div class="medium stack">
      <div class="profile-header">
        <span class="avatar" aria-hidden="true">
          {name.charAt(0).toUpperCase()}
        </span>
        <div>
          <h1>{name}</h1>
          <p class="muted">
            @{model.username} · member since {formatDay(model.memberSince)}
          </p>
        </div>
        {model.follow ? <FollowButton model={model.follow} /> : null}
      </div>
      {model.bio ? <p>{model.bio}</p> : null}
      <TrackRecordSection
        record={model.trackRecord}
        tags={model.tagOptions}
        tournaments={model.tournamentOptions}
      />
      <section aria-labelledby="forecasts-heading">
        <h2 id="forecasts-heading">Questions forecast</h2>
        {model.forecastQuestions.length === 0 ? (
          <p class="muted">No forecasts on public questions yet.</p>
        ) : (
          <ul class="card question-list">
            {model.forecastQuestions.map((question) => (
              <li key={question.id}>
                <a href={questionPath(question)}>{question.title}</a>{' '}
                <span class="badge badge-neutral">{TYPE_LABELS[question.type]}</span>{' '}
                <span class="muted">{question.status.replace('_', ' ')}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
