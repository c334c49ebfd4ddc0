// Demo questions 4 and 5, plus a count that gives the demo its discrete question: US public
// confidence in the Russian president (numeric, percent), the date of formal arms-control talks
// (date), and the number of meetings of the two presidents next year (discrete).
import { toUnixSeconds } from '../../domain/clock.ts';
import { type DemoSchedule, formatDay } from './demo-schedule.ts';
import { type DemoQuestionSpec, prose, SOURCES } from './demo-spec.ts';

const DAY_SECONDS = 86_400;

export function pollQuestion(schedule: DemoSchedule): DemoQuestionSpec {
  const deadline = formatDay(schedule.pollDeadline);
  return {
    key: 'poll',
    question: {
      type: 'numeric',
      title:
        'What share of US adults will say they have confidence in the Russian president in ' +
        'Pew Research Center’s next US survey on world leaders?',
      description: prose([
        'Pew Research Center regularly asks Americans how much confidence they have in foreign',
        'leaders to do the right thing regarding world affairs. The share expressing confidence',
        'in the Russian president has been low in recent surveys. This question asks for the',
        'next published figure, as a measure of whether US public opinion follows the',
        'diplomacy between the two governments.',
      ]),
      resolutionCriteria: prose([
        'Resolves to the percentage of US adults who say they have *a lot of* or *some*',
        'confidence in the Russian president to do the right thing regarding world affairs, in',
        'the first US result of this kind that Pew Research Center publishes after this',
        `question opens and before ${deadline}, as given in Pew’s report or topline. If no such`,
        `result is published before ${deadline}, the question is annulled.`,
      ]),
      finePrint: prose([
        'If Pew reports the two answers separately, they are added. Only the figure for all US',
        'adults counts, not subgroups. If the wording changes, a question that still asks about',
        'confidence in the Russian president regarding world affairs counts.',
      ]),
      sources: [SOURCES.pew],
      tags: ['us-russia', 'public-opinion'],
      rangeMin: 0,
      rangeMax: 100,
      openLowerBound: false,
      openUpperBound: false,
      unit: '%',
    },
    closesAt: schedule.pollDeadline,
    crowd: { kind: 'continuous', from: 11, to: 12.5, spread: 2.5, scale: 0.04, participation: 0.7 },
  };
}

export function treatyTalksQuestion(schedule: DemoSchedule): DemoQuestionSpec {
  const rangeEnd = formatDay(schedule.treatyRangeEnd);
  const rangeStart = toUnixSeconds(schedule.treatyRangeStart);
  return {
    key: 'treaty_talks',
    question: {
      type: 'date',
      title:
        'When will the US and Russia announce formal negotiations on a new agreement limiting ' +
        'strategic nuclear weapons?',
      description: prose([
        'New START, the last treaty limiting the deployed strategic nuclear forces of the two',
        'countries, was signed in 2010 and could not be extended beyond February 2026. Formal',
        'talks on what follows it would be the clearest sign that arms control is back on the',
        'agenda; without them the two largest nuclear arsenals have no negotiated limits or',
        'inspections.',
      ]),
      resolutionCriteria: prose([
        'Resolves to the date on which the governments of the United States and Russia announce',
        'that formal negotiations on a legally binding agreement limiting strategic nuclear',
        'weapons will begin or have begun, as published by the White House, the Department of',
        'State, the Kremlin or the Russian Ministry of Foreign Affairs. A joint announcement',
        'counts on its date; separate announcements count on the date of the second one.',
        `Resolves above the upper bound if no such announcement is made before ${rangeEnd}.`,
      ]),
      finePrint: prose([
        'Exploratory consultations, a strategic stability dialogue without the stated aim of an',
        'agreement, and talks that do not include both the US and Russia do not count.',
        'Negotiations on a broader agreement count if it would limit strategic nuclear weapons.',
        'The date is the UTC day of the announcement.',
      ]),
      sources: [
        SOURCES.whiteHouse,
        SOURCES.stateDepartment,
        SOURCES.kremlin,
        SOURCES.russianForeignMinistry,
      ],
      tags: ['us-russia', 'arms-control'],
      rangeMin: schedule.treatyRangeStart,
      rangeMax: schedule.treatyRangeEnd,
      openLowerBound: false,
      openUpperBound: true,
    },
    closesAt: schedule.treatyRangeEnd,
    crowd: {
      kind: 'continuous',
      from: rangeStart + 620 * DAY_SECONDS,
      to: rangeStart + 540 * DAY_SECONDS,
      spread: 160 * DAY_SECONDS,
      scale: 0.12,
      participation: 0.65,
    },
  };
}

export function meetingsQuestion(schedule: DemoSchedule): DemoQuestionSpec {
  const year = schedule.nextYear;
  return {
    key: 'meetings',
    question: {
      type: 'discrete',
      title: `How many times will the US and Russian presidents meet in person in ${year}?`,
      description: prose([
        'A count of leader-level meetings over a calendar year: a rougher but broader measure of',
        'engagement than a single summit.',
      ]),
      resolutionCriteria: prose([
        `Resolves to the number of separate occasions in ${year} (UTC) on which the sitting`,
        'presidents of the United States and Russia held a bilateral meeting in person, as',
        'confirmed by the White House or the Kremlin. Resolves above the upper bound if there',
        'are more than 5.',
      ]),
      finePrint: prose([
        'A meeting is defined as in the summit question of this series: a scheduled bilateral',
        'meeting, stand-alone or on the sidelines of another event; calls and group sessions do',
        'not count. Meetings during one summit or visit count as one occasion, however many',
        'days it lasts.',
      ]),
      sources: [SOURCES.whiteHouse, SOURCES.kremlin, SOURCES.reuters],
      tags: ['us-russia', 'diplomacy', 'summits'],
      rangeMin: 0,
      rangeMax: 5,
      openLowerBound: false,
      openUpperBound: true,
    },
    closesAt: schedule.endOfNextYear,
    crowd: { kind: 'continuous', from: 0.8, to: 1, spread: 0.5, scale: 0.1, participation: 0.6 },
  };
}
