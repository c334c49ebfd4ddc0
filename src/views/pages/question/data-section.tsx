// Downloads (CSV and JSON) and a citation with a copy button.
import type { QuestionPageModel } from '../../../domain/view-models/question-page.ts';
import { copyButtonIsland } from '../../components/copy-button.tsx';
import { Island } from '../../components/island.tsx';
import { formatDay } from '../../format/dates.ts';

export function citationOf(model: QuestionPageModel): string {
  const { question } = model;
  return `“${question.title}”, Brier question ${question.id}, community forecast accessed ${formatDay(model.now)}. ${model.url}`;
}

export function DataSection({ model }: { model: QuestionPageModel }) {
  const links = model.dataLinks;
  const citation = citationOf(model);
  return (
    <>
      {links ? (
        <ul class="download-list">
          <li>
            <a href={links.historyCsv}>Community prediction history (CSV)</a>
          </li>
          <li>
            <a href={links.forecastsCsv}>Every forecast, pseudonymised (CSV)</a>
          </li>
          <li>
            <a href={links.historyJson}>History for charts (JSON)</a>
          </li>
          <li>
            <a href={links.bundleJson}>Question bundle for brier aggregate (JSON)</a>
          </li>
        </ul>
      ) : (
        <p class="muted">Downloads open once the community prediction is shown.</p>
      )}
      <h3>Cite</h3>
      <p class="citation" id="citation-text">
        {citation}
      </p>
      <Island island={copyButtonIsland} props={{ value: citation, label: 'Copy citation' }} />
    </>
  );
}
