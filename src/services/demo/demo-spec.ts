// The shapes the demo content is written in: a question's text and times, and the synthetic
// crowd that forecasts on it.
import type { QuestionInput } from '../../domain/question-fields.ts';
import type { QuestionSource } from '../../domain/question-record.ts';

/**
 * How the synthetic forecasters see a question. The crowd's central view moves linearly from
 * `from` (first forecasting round) to `to` (last); each forecaster keeps a personal lean and
 * adds noise at every update. `participation` is the share of forecasters who forecast at all.
 */
export type CrowdModel =
  /** Probabilities of YES; `spread` is the standard deviation in log-odds. */
  | { kind: 'binary'; from: number; to: number; spread: number; participation: number }
  /** One probability per option (summing to 1); `spread` in log-probability. */
  | {
      kind: 'multiple_choice';
      from: number[];
      to: number[];
      spread: number;
      participation: number;
    }
  /**
   * Medians in the question's units (dates: unix seconds), `spread` in the same units, `scale`
   * the width of each forecaster's logistic as a fraction of the range (the API's components).
   */
  | {
      kind: 'continuous';
      from: number;
      to: number;
      spread: number;
      scale: number;
      participation: number;
    };

/** Names the demo code uses for its questions (the conditional is built from two of them). */
export type DemoQuestionKey =
  | 'scenarios'
  | 'summit'
  | 'sanctions'
  | 'poll'
  | 'treaty_talks'
  | 'meetings'
  | 'signpost_eu_sanctions'
  | 'signpost_arctic'
  | 'signpost_prisoner_exchange';

export interface DemoQuestionSpec {
  key: DemoQuestionKey;
  /** Type, text, sources, tags, range and options; times and tournament are added on publishing. */
  question: Omit<
    QuestionInput,
    'tournamentId' | 'openTime' | 'scheduledCloseTime' | 'scheduledResolveTime' | 'cpRevealTime'
  >;
  closesAt: Date;
  crowd: CrowdModel;
}

/** "CHILD if PARENT resolves x": the branches the conditional service creates, and their crowds. */
export interface DemoConditionalSpec {
  parent: DemoQuestionKey;
  child: DemoQuestionKey;
  branchCrowds: Record<'yes' | 'no', CrowdModel>;
}

/**
 * Markdown from source lines wrapped for reading: a line break inside a paragraph becomes a
 * space; blank lines (paragraphs) and breaks before list items (`- `, `1. `) stay.
 */
export function prose(lines: readonly string[]): string {
  return lines.join('\n').replace(/(?<!\n)\n(?!\n|- |\d+\. )\s*/g, ' ');
}

/** Well-known publications and official sites, by home page only. */
export const SOURCES = {
  whiteHouse: { title: 'The White House', url: 'https://www.whitehouse.gov' },
  kremlin: { title: 'President of Russia (Kremlin)', url: 'http://en.kremlin.ru' },
  stateDepartment: { title: 'U.S. Department of State', url: 'https://www.state.gov' },
  russianForeignMinistry: {
    title: 'Ministry of Foreign Affairs of the Russian Federation',
    url: 'https://mid.ru',
  },
  treasury: { title: 'U.S. Department of the Treasury', url: 'https://home.treasury.gov' },
  ofac: { title: 'Office of Foreign Assets Control (OFAC)', url: 'https://ofac.treasury.gov' },
  euCouncil: { title: 'Council of the European Union', url: 'https://www.consilium.europa.eu' },
  eurLex: { title: 'EUR-Lex (Official Journal of the EU)', url: 'https://eur-lex.europa.eu' },
  arcticCouncil: { title: 'Arctic Council', url: 'https://arctic-council.org' },
  pew: { title: 'Pew Research Center', url: 'https://www.pewresearch.org' },
  reuters: { title: 'Reuters', url: 'https://www.reuters.com' },
  associatedPress: { title: 'Associated Press', url: 'https://apnews.com' },
} satisfies Record<string, QuestionSource>;

/** The sanctions definition shared by the sanctions question and the scenario set. */
export const MAJOR_SANCTION_DEFINITION =
  'A major sanction is eased by any of: (1) revoking, or suspending in full, an executive order ' +
  'that imposes Russia-related sanctions; (2) removing from the Specially Designated Nationals ' +
  'and Blocked Persons List a Russian state-owned bank, or a Russian company whose main business ' +
  'is producing or exporting oil or gas; (3) a general licence that, for at least 90 days, ' +
  'authorises transactions with the Central Bank of Russia or imports of Russian crude oil into ' +
  'the United States.';

/** The exclusions that go with it. */
export const MAJOR_SANCTION_EXCLUSIONS =
  'Licences for humanitarian trade, agricultural or medical goods, diplomatic missions, ' +
  'wind-down periods or single transactions do not count, nor do delistings of individuals, ' +
  'vessels, or subsidiaries sold to non-Russian owners. Easing counts from the date it takes ' +
  'effect; easing announced but not in effect by the deadline does not count.';
