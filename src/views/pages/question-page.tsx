// The question page (docs/design.md "Pages"): header, then sections in reading order. Wide
// screens show a main column and an aside; narrow ones show one section at a time as tabs
// (the section-tabs island). Each section is a `[data-section]` card with an h2.
//
// "Resolution" (outcome, evidence, disputes, your scores next to the crowd's, the propose and
// dispute forms) comes first once a resolution is proposed or final, else after "Details" (a
// moderator's propose form on an open or closed question). The discussion (issue 21) adds
// "Discussion" at the end of the main column. Add sections to `sections` below.
import type { ComponentChildren } from 'preact';
import type { QuestionPageModel } from '../../domain/view-models/question-page.ts';
import { copyButtonIsland } from '../components/copy-button.tsx';
import { cpChartIsland } from '../components/cp-chart.tsx';
import { forecastPanelIsland } from '../components/forecast/forecast-panel.tsx';
import { Island } from '../components/island.tsx';
import { usePageContext } from '../components/page-context.tsx';
import { sectionTabsIsland } from '../components/section-tabs.tsx';
import { ChartSection } from './question/chart-section.tsx';
import { ConditionalSection } from './question/conditional-section.tsx';
import { DataSection } from './question/data-section.tsx';
import { DetailsSection } from './question/details-section.tsx';
import { MethodSection } from './question/method-section.tsx';
import { QuestionHeader } from './question/question-header.tsx';
import { ResolutionSection } from './question/resolution-section.tsx';

/**
 * Every island the question page may load, for its JavaScript budget (scripts/check-bundle-size.ts
 * measures these; a page test checks that the page loads no other).
 */
export const QUESTION_PAGE_ISLANDS: ReadonlyArray<{ name: string }> = [
  forecastPanelIsland,
  cpChartIsland,
  sectionTabsIsland,
  copyButtonIsland,
];

export interface QuestionPageSection {
  id: string;
  /** The tab's label on narrow screens. */
  label: string;
  /** The section's h2. */
  title: string;
  column: 'main' | 'aside';
  content: ComponentChildren;
}

function Section({ section }: { section: QuestionPageSection }) {
  return (
    <section
      id={section.id}
      data-section={section.id}
      class={`question-section section-${section.id}`}
      aria-labelledby={`${section.id}-heading`}
    >
      <h2 id={`${section.id}-heading`}>{section.title}</h2>
      {section.content}
    </section>
  );
}

export function QuestionPage({ model }: { model: QuestionPageModel }) {
  const { viewer } = usePageContext();
  // Forms come back to this page's canonical address (not to a form route that re-rendered it).
  const returnTo = model.panel.question.path;
  const sections: QuestionPageSection[] = [];
  // A final or proposed outcome comes first: it is what a reader of a closed question looks for.
  const resolutionSection: QuestionPageSection | null = model.resolution
    ? {
        id: 'resolution',
        label: 'Resolution',
        title: 'Resolution',
        column: 'main',
        content: <ResolutionSection model={model.resolution} />,
      }
    : null;
  const isSettled = ['resolution_proposed', 'resolved', 'annulled'].includes(model.question.status);
  if (resolutionSection && isSettled) sections.push(resolutionSection);
  sections.push({
    id: 'forecast',
    label: 'Forecast',
    title: 'Forecast',
    column: 'main',
    content: (
      <Island
        island={forecastPanelIsland}
        props={{ model: model.panel, csrfToken: viewer?.csrfToken ?? null, returnTo }}
      />
    ),
  });
  if (model.conditional) {
    sections.push({
      id: 'conditional',
      label: 'Branches',
      title: model.conditional.branchOf ? 'Conditional branch' : 'Conditional forecasts',
      column: 'main',
      content: <ConditionalSection model={model.conditional} returnTo={returnTo} />,
    });
  }
  sections.push(
    {
      id: 'chart',
      label: 'Chart',
      title: 'Community prediction',
      column: 'main',
      content: <ChartSection model={model} />,
    },
    {
      id: 'details',
      label: 'Details',
      title: 'Resolution criteria',
      column: 'main',
      content: <DetailsSection model={model} />,
    },
  );
  if (resolutionSection && !isSettled) sections.push(resolutionSection);
  sections.push(
    {
      id: 'method',
      label: 'Method',
      title: 'How is this computed?',
      column: 'aside',
      content: <MethodSection model={model} />,
    },
    {
      id: 'data',
      label: 'Data',
      title: 'Data and citation',
      column: 'aside',
      content: <DataSection model={model} />,
    },
  );
  return (
    <article class="question-page">
      <QuestionHeader model={model} />
      <Island
        island={sectionTabsIsland}
        props={{ sections: sections.map(({ id, label }) => ({ id, label })) }}
        class="section-tabs-island"
      />
      <div class="question-layout">
        <div class="question-main">
          {sections
            .filter((section) => section.column === 'main')
            .map((section) => (
              <Section section={section} key={section.id} />
            ))}
        </div>
        <div class="question-aside">
          {sections
            .filter((section) => section.column === 'aside')
            .map((section) => (
              <Section section={section} key={section.id} />
            ))}
        </div>
      </div>
    </article>
  );
}
