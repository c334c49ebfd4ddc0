// "How is this computed?": the method, N, the recency weights, and how to check every number
// with the published bundle and `brier aggregate` (docs/maths.md).
import type { QuestionPageModel } from '../../../domain/view-models/question-page.ts';

function typeExplanation(type: QuestionPageModel['question']['type']): string {
  switch (type) {
    case 'binary':
      return 'The community prediction is the weighted median of everyone’s standing probability of yes.';
    case 'multiple_choice':
      return 'Each option’s community probability is the weighted median of the forecasts for it; the medians are then rescaled to add up to 100 %.';
    default:
      return 'The community distribution is the weighted average of everyone’s standing cumulative distribution; the median and the bands are read from it.';
  }
}

export function MethodSection({ model }: { model: QuestionPageModel }) {
  const computation = model.computation;
  if (!computation) {
    return <p class="muted">The method and the data are shown once the community prediction is.</p>;
  }
  const n = computation.forecasterCount;
  return (
    <>
      <p>{typeExplanation(model.question.type)}</p>
      <dl class="method-facts">
        <div>
          <dt>Method</dt>
          <dd>Recency-weighted (Metaculus-compatible)</dd>
        </div>
        <div>
          <dt>Standing forecasts (N)</dt>
          <dd>{n}</dd>
        </div>
        <div>
          <dt>Weights</dt>
          <dd>
            {computation.oldestWeight === null
              ? n === 0
                ? 'No forecasts yet.'
                : 'Equal: with two forecasts or fewer, every forecast counts the same.'
              : `Forecast n of N counts exp(√n − √N): the newest 1, the oldest ${computation.oldestWeight.toPrecision(2)}.`}
          </dd>
        </div>
      </dl>
      <p>
        Check it yourself: download the{' '}
        <a href={computation.bundlePath} download={computation.bundleFileName}>
          question bundle
        </a>{' '}
        (every forecast, forecasters pseudonymised) and run
      </p>
      <pre class="command">
        <code>npx brier aggregate {computation.bundleFileName}</code>
      </pre>
      <p class="muted">It prints the full history this chart is drawn from, to the last digit.</p>
    </>
  );
}
