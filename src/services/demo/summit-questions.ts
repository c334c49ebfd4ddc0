// Demo questions 2 and 3: will the presidents meet again (binary), and will the US ease a major
// sanction, which the conditional service then splits by the summit's outcome.
import { type DemoSchedule, formatDay } from './demo-schedule.ts';
import {
  type DemoConditionalSpec,
  type DemoQuestionSpec,
  MAJOR_SANCTION_DEFINITION,
  MAJOR_SANCTION_EXCLUSIONS,
  prose,
  SOURCES,
} from './demo-spec.ts';

export function summitQuestion(schedule: DemoSchedule): DemoQuestionSpec {
  const deadline = formatDay(schedule.summitDeadline);
  return {
    key: 'summit',
    question: {
      type: 'binary',
      title: `Will the US and Russian presidents meet in person before ${deadline}?`,
      description: prose([
        'The presidents of the United States and Russia met in Anchorage, Alaska, in August 2025',
        'and spoke afterwards of meeting again. A further meeting would show that leader-level',
        'diplomacy continues, and could carry talks on arms control, sanctions, the war in',
        'Ukraine and the Arctic forward.',
        '',
        'This question asks whether a meeting actually takes place, not whether one is announced.',
      ]),
      resolutionCriteria: prose([
        'Resolves **YES** if the sitting President of the United States and the sitting',
        'President of the Russian Federation hold a bilateral meeting in person, in any country,',
        `between the opening of this question and ${deadline} 00:00 UTC, as confirmed by the`,
        'White House or the Kremlin. A stand-alone summit counts, and so does a scheduled',
        'bilateral meeting on the sidelines of a multilateral event. Resolves **NO** otherwise.',
      ]),
      finePrint: prose([
        'Phone and video calls do not count, nor does a handshake or a group session without a',
        'bilateral meeting. Meetings of other officials (foreign ministers, envoys) do not count.',
        'If either president leaves office, the question is about whoever holds the office at',
        'the time of the meeting. The meeting is dated by the UTC day on which it starts.',
      ]),
      sources: [SOURCES.whiteHouse, SOURCES.kremlin, SOURCES.reuters, SOURCES.associatedPress],
      tags: ['us-russia', 'diplomacy', 'summits'],
    },
    closesAt: schedule.summitDeadline,
    crowd: { kind: 'binary', from: 0.42, to: 0.55, spread: 0.7, participation: 0.95 },
  };
}

export function sanctionsQuestion(schedule: DemoSchedule): DemoQuestionSpec {
  const deadline = formatDay(schedule.sanctionsDeadline);
  return {
    key: 'sanctions',
    question: {
      type: 'binary',
      title: `Will the US ease at least one major sanction on Russia before ${deadline}?`,
      description: prose([
        'Sanctions relief is a concession the United States can grant quickly and would be slow',
        'to take back, which makes it a strong signal of a change of course.',
        '',
        'The conditional pair built on this question asks how likely relief is *if* the',
        `presidents meet before ${formatDay(schedule.summitDeadline)}, leaving about six months`,
        'after that deadline for relief to follow, and how likely it is if they do not.',
      ]),
      resolutionCriteria: prose([
        'Resolves **YES** if, between the opening of this question and',
        `${deadline} 00:00 UTC, the US government eases at least one major sanction on Russia,`,
        'as published by the White House, the Department of the Treasury (OFAC) or the',
        `Department of State. ${MAJOR_SANCTION_DEFINITION} Resolves **NO** otherwise.`,
      ]),
      finePrint: MAJOR_SANCTION_EXCLUSIONS,
      sources: [
        SOURCES.whiteHouse,
        SOURCES.treasury,
        SOURCES.ofac,
        SOURCES.stateDepartment,
        SOURCES.reuters,
      ],
      tags: ['us-russia', 'sanctions'],
    },
    closesAt: schedule.sanctionsDeadline,
    crowd: { kind: 'binary', from: 0.2, to: 0.24, spread: 0.6, participation: 0.75 },
  };
}

/** Item 3: "if the summit question resolves YES, will the US ease a major sanction?" */
export const SUMMIT_SANCTIONS_CONDITIONAL: DemoConditionalSpec = {
  parent: 'summit',
  child: 'sanctions',
  branchCrowds: {
    yes: { kind: 'binary', from: 0.32, to: 0.36, spread: 0.6, participation: 0.6 },
    no: { kind: 'binary', from: 0.1, to: 0.1, spread: 0.6, participation: 0.5 },
  },
};
