// Demo question 6: three binary signposts for the scenario set. Signpost links are not a feature
// yet, so each question's description states which scenarios a YES points towards.
import { type DemoSchedule, formatDay } from './demo-schedule.ts';
import { type DemoQuestionSpec, prose, SOURCES } from './demo-spec.ts';

const SIGNPOST_NOTE = 'Signpost for the scenario set of the *US–Russia outlook* series.';

export function signpostQuestions(schedule: DemoSchedule): DemoQuestionSpec[] {
  const deadline = formatDay(schedule.signpostDeadline);
  const closesAt = schedule.signpostDeadline;
  return [
    {
      key: 'signpost_eu_sanctions',
      question: {
        type: 'binary',
        title: `Will the EU lift or suspend any of its economic sanctions on Russia before ${deadline}?`,
        description: prose([
          'The EU’s economic sanctions on Russia must be renewed unanimously every six months, so',
          'a single member state can put them in question. Relief from the EU would point towards',
          '**Détente**; continued renewals fit **Tense coexistence** or a **Renewed Cold War**.',
          '',
          SIGNPOST_NOTE,
        ]),
        resolutionCriteria: prose([
          'Resolves **YES** if, between the opening of this question and',
          `${deadline} 00:00 UTC, the Council of the European Union adopts a decision that lifts`,
          'or suspends at least one economic measure against Russia (restrictions on trade,',
          'finance, energy, transport or services under Council Regulation (EU) No 833/2014 and',
          'its amendments), or lets those economic sanctions lapse by not renewing them. Resolves',
          '**NO** otherwise.',
        ]),
        finePrint: prose([
          'Removing individuals or entities from the asset-freeze lists, new exemptions or',
          'derogations for particular transactions, and wind-down periods do not count. A',
          'decision counts on the date of its publication in the Official Journal of the EU.',
        ]),
        sources: [SOURCES.euCouncil, SOURCES.eurLex, SOURCES.reuters],
        tags: ['us-russia', 'signpost', 'sanctions', 'eu'],
      },
      closesAt,
      crowd: { kind: 'binary', from: 0.07, to: 0.08, spread: 0.6, participation: 0.55 },
    },
    {
      key: 'signpost_arctic',
      question: {
        type: 'binary',
        title: `Will the US and Russia sign a cooperation agreement on the Arctic before ${deadline}?`,
        description: prose([
          'The Arctic is one of the few areas where the two countries kept cooperating through',
          'earlier downturns (search and rescue, fisheries, scientific research), and it is often',
          'named as a possible field of future cooperation. A signed agreement would point',
          'towards **Détente**.',
          '',
          SIGNPOST_NOTE,
        ]),
        resolutionCriteria: prose([
          'Resolves **YES** if, between the opening of this question and',
          `${deadline} 00:00 UTC, representatives of the US and Russian governments sign a`,
          'bilateral agreement, memorandum of understanding or joint statement whose main',
          'subject is cooperation in the Arctic (for example shipping, search and rescue,',
          'fisheries, scientific research, or energy and mineral resources), as published by',
          'either government. Resolves **NO** otherwise.',
        ]),
        finePrint: prose([
          'A multilateral document counts only if both governments sign it and it is mainly about',
          'the Arctic. Agreements between companies count only if a government signs them too.',
          'Statements that cooperation will be discussed do not count.',
        ]),
        sources: [
          SOURCES.stateDepartment,
          SOURCES.russianForeignMinistry,
          SOURCES.arcticCouncil,
          SOURCES.reuters,
        ],
        tags: ['us-russia', 'signpost', 'arctic'],
      },
      closesAt,
      crowd: { kind: 'binary', from: 0.12, to: 0.15, spread: 0.6, participation: 0.55 },
    },
    {
      key: 'signpost_prisoner_exchange',
      question: {
        type: 'binary',
        title: `Will the US and Russia carry out a prisoner exchange before ${deadline}?`,
        description: prose([
          'Exchanges of detained citizens have taken place even in tense periods, so an exchange',
          'is a weak signal on its own: it fits **Tense coexistence** as well as **Détente**, and',
          'makes a **Renewed Cold War** somewhat less likely.',
          '',
          SIGNPOST_NOTE,
        ]),
        resolutionCriteria: prose([
          'Resolves **YES** if, between the opening of this question and',
          `${deadline} 00:00 UTC, the United States and Russia complete an exchange in which each`,
          'releases to the other side, directly or through a third country, at least one person',
          'it held in custody, as confirmed by the White House, the Department of State or the',
          'Kremlin. Resolves **NO** otherwise.',
        ]),
        finePrint: prose([
          'A one-sided release (a pardon or a deportation without a release in return) does not',
          'count. An exchange involving other countries counts if both the US and Russia release',
          'at least one person as part of it. The exchange is dated by the UTC day on which the',
          'people are handed over.',
        ]),
        sources: [SOURCES.whiteHouse, SOURCES.stateDepartment, SOURCES.kremlin, SOURCES.reuters],
        tags: ['us-russia', 'signpost', 'prisoners'],
      },
      closesAt,
      crowd: { kind: 'binary', from: 0.4, to: 0.45, spread: 0.6, participation: 0.6 },
    },
  ];
}
