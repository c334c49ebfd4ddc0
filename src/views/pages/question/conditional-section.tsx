// Conditional forecasts: each branch "if PARENT resolves x" with its own forecast panel, the
// implied marginal Σ P(child | parent = x)·P(parent = x) next to the direct forecast, and a
// warning (in words) when the two differ by more than 10 points.
import type {
  ConditionalGroupModel,
  ConditionalModel,
} from '../../../domain/view-models/question-page.ts';
import { forecastPanelIsland } from '../../components/forecast/forecast-panel.tsx';
import { Island } from '../../components/island.tsx';
import { usePageContext } from '../../components/page-context.tsx';
import { formatPercent, formatPoints } from '../../format/forecast-format.ts';

function outcomeName(group: ConditionalGroupModel, outcome: string): string {
  return group.parent.type === 'binary' ? outcome.toUpperCase() : `“${outcome}”`;
}

function Group(props: {
  group: ConditionalGroupModel;
  model: ConditionalModel;
  showPanels: boolean;
  returnTo: string;
}) {
  const { group, model } = props;
  const { viewer } = usePageContext();
  return (
    <div class="conditional-group">
      <p>
        If <a href={group.parent.path}>{group.parent.title}</a> resolves…
      </p>
      <ul class="branch-list">
        {group.branches.map((branch) => (
          <li class="branch card" key={branch.question.id}>
            <h3 class="branch-title">
              <a href={branch.question.path}>…{outcomeName(group, branch.outcome)}</a>
            </h3>
            <p class="muted branch-weights">
              Chance of this branch:{' '}
              {branch.parentProbability === null
                ? 'not shown yet'
                : formatPercent(branch.parentProbability)}
              {branch.childProbability === null
                ? ''
                : ` · community in this branch: ${formatPercent(branch.childProbability)}`}
            </p>
            {props.showPanels ? (
              <Island
                island={forecastPanelIsland}
                props={{
                  model: branch.panel,
                  csrfToken: viewer?.csrfToken ?? null,
                  returnTo: props.returnTo,
                }}
              />
            ) : null}
          </li>
        ))}
      </ul>
      {group.impliedMarginal === null ? null : (
        <p class="implied-marginal">
          Implied by the branches: <strong>{formatPercent(group.impliedMarginal)}</strong>
          {model.childProbability === null
            ? ''
            : ` · asked directly: ${formatPercent(model.childProbability)}`}
          {model.childProbability === null
            ? ''
            : ` (${formatPoints(model.childProbability - group.impliedMarginal)})`}
        </p>
      )}
    </div>
  );
}

export function ConditionalSection({
  model,
  returnTo,
}: {
  model: ConditionalModel;
  returnTo: string;
}) {
  const isBranchPage = model.branchOf !== null;
  return (
    <>
      {model.branchOf ? (
        <p class="alert alert-info">
          This is one branch of <a href={model.child.path}>{model.child.title}</a>: it assumes{' '}
          {model.branchOf.condition}. If{' '}
          <a href={model.branchOf.parent.path}>{model.branchOf.parent.title}</a> resolves otherwise,
          this branch is annulled and not scored.
        </p>
      ) : (
        <p>
          Forecast this question under each outcome of the question it depends on. Only the branch
          that comes true is scored.
        </p>
      )}
      {model.isIncoherent ? (
        <p class="alert alert-warning" role="note">
          <strong>Check for coherence:</strong> the direct forecast and the one implied by the
          branches differ by more than 10 points. At least one of them is probably off.
        </p>
      ) : null}
      {model.groups.map((group) => (
        <Group
          group={group}
          model={model}
          showPanels={!isBranchPage}
          returnTo={returnTo}
          key={group.parent.id}
        />
      ))}
    </>
  );
}
