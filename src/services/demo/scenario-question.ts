// Demo question 1: the scenario set (multiple choice, each scenario defined by observable
// conditions). "Tense coexistence" is the residual scenario, so it is the catch-all, listed last.
import type { DemoSchedule } from './demo-schedule.ts';
import {
  type DemoQuestionSpec,
  MAJOR_SANCTION_DEFINITION,
  MAJOR_SANCTION_EXCLUSIONS,
  prose,
  SOURCES,
} from './demo-spec.ts';

export function scenarioQuestion(schedule: DemoSchedule): DemoQuestionSpec {
  const year = schedule.nextYear;
  return {
    key: 'scenarios',
    question: {
      type: 'multiple_choice',
      title: `Which scenario will best describe US–Russia relations at the end of ${year}?`,
      description: prose([
        'Three broad pictures of the relationship between the United States and Russia, each',
        'defined by conditions that can be checked in public records rather than by tone.',
        '',
        '- **Détente**: sustained leader-level contact, arms-control talks, some sanctions relief,',
        '  normal embassies.',
        '- **Renewed Cold War**: a break in diplomatic or military restraint, such as expelled',
        '  ambassadors, abandoned arms-control agreements or a deadly clash between the two',
        '  militaries.',
        '- **Tense coexistence**: everything in between, an adversarial but managed relationship.',
        '',
        'The scenarios are mutually exclusive and together cover every outcome: the Renewed Cold',
        'War conditions are checked first, then Détente, and Tense coexistence is what remains.',
        '',
        'The narrower questions of the *US–Russia outlook* series (a summit, sanctions relief,',
        'arms-control talks, Arctic cooperation, a prisoner exchange) are signposts: each one',
        'that resolves YES makes some of these scenarios more likely than others.',
      ]),
      resolutionCriteria: prose([
        `Resolves to one scenario, judged on the situation on 31 December ${year} (23:59 UTC)`,
        'and on events between the opening of this question and that moment, as published on the',
        'official websites of the two governments or reported by at least two of the news',
        'organisations listed in the sources. The conditions are checked in this order:',
        '',
        '1. **Renewed Cold War** if at least one of its conditions is met;',
        '2. otherwise **Détente** if at least three of its five conditions are met;',
        '3. otherwise **Tense coexistence**.',
        '',
        'Each option’s description lists its conditions.',
      ]),
      finePrint: prose([
        `“Major sanction”: ${MAJOR_SANCTION_DEFINITION} ${MAJOR_SANCTION_EXCLUSIONS}`,
        '',
        'An accredited ambassador is one who has presented credentials to the host country; a',
        'chargé d’affaires does not count. Events are dated by the UTC day on which they',
        'happened, not the day they were reported.',
      ]),
      sources: [
        SOURCES.whiteHouse,
        SOURCES.kremlin,
        SOURCES.stateDepartment,
        SOURCES.russianForeignMinistry,
        SOURCES.reuters,
        SOURCES.associatedPress,
      ],
      tags: ['us-russia', 'scenarios'],
      options: [
        {
          label: 'Détente',
          description: [
            `On 31 December ${year}, none of the Renewed Cold War conditions has been met and at`,
            'least three of these hold: (1) the US and Russian presidents have met in person at',
            `least once during ${year}; (2) the two governments have announced formal`,
            'negotiations on, or signed, an agreement limiting strategic nuclear weapons; (3) the',
            'United States has eased at least one major sanction on Russia (see the fine print)',
            'since this question opened; (4) each country has an accredited ambassador in the',
            'other’s capital; (5) a ceasefire or peace agreement covering the war in Ukraine,',
            'accepted by the governments of Russia and Ukraine, is in effect.',
          ].join(' '),
        },
        {
          label: 'Renewed Cold War',
          description: [
            `Between the opening of this question and 31 December ${year}, at least one of these`,
            'happened: (1) either country expelled the other’s ambassador or ordered the closure',
            'of the other’s embassy; (2) either country formally withdrew from, or announced the',
            'suspension of, a treaty or agreement on arms control or military risk reduction to',
            'which both belong; (3) either country conducted a nuclear explosive test; (4) an',
            'armed clash between US and Russian military forces killed at least one member of',
            'either force.',
          ].join(' '),
        },
        {
          label: 'Tense coexistence',
          description: [
            'Neither the Renewed Cold War nor the Détente conditions are met: typically an',
            'adversarial but managed relationship, with diplomatic channels open but no broad',
            'improvement.',
          ].join(' '),
        },
      ],
    },
    closesAt: schedule.endOfNextYear,
    crowd: {
      kind: 'multiple_choice',
      from: [0.14, 0.24, 0.62],
      to: [0.18, 0.2, 0.62],
      spread: 0.45,
      participation: 0.9,
    },
  };
}
