// The demo's analysis: the "US–Russia outlook" article, three short analyst notes embedding the
// signposts, and a discussion among the demo forecasters (comments, replies, votes, "changed my
// mind"), all through the services and deterministic. Written for this project; uncertain facts
// are framed as the article's framing, and the only figure is the widely reported poll result
// that about 15 % of Americans trust the Russian president.
import type { UserActor } from '../../domain/actor.ts';
import type { QuestionRecord } from '../../domain/question-record.ts';
import { createArticle, publishArticle } from '../articles/save-article.ts';
import { markChangedMind, voteOnComment } from '../comments/change-comment.ts';
import { postComment } from '../comments/post-comment.ts';
import type { Deps } from '../deps.ts';
import type { DemoClock } from './demo-clock.ts';
import { type DemoQuestionKey, prose } from './demo-spec.ts';

const MINUTE_MS = 60_000;

function outlook(q: (key: DemoQuestionKey) => string): string {
  return [
    prose([
      'The president of the United States invited the Russian president to Alaska, and the two',
      'agreed to meet again. A second summit has since been announced, without a date that',
      'either side will yet commit to. This article asks what a working channel between the two',
      'presidents would change, where it would change nothing, and how we will know which world we',
      'are in by the end of next year.',
    ]),
    '',
    prose([
      'Summits are easy to over-read. A handshake in a photograph is not a policy, and the first',
      'meeting produced more statements of intent than agreements. But a second meeting is',
      'different in kind: it means each side expects the other to show up with something to trade,',
      'and it gives officials below the presidents a deadline to work towards.',
    ]),
    '',
    q('summit'),
    '',
    '## Arms control and non-proliferation',
    '',
    prose([
      'The clearest stake is strategic arms. The last treaty limiting deployed strategic warheads',
      'has run its course, and neither side has accepted verification on the other\u2019s terms.',
      'A direct channel does not write a treaty, but it is the precondition for the one thing that',
      'matters first: an announcement that formal talks on a successor will begin. Watch for the',
      'word "formal". Exploratory contacts have come and gone; a named delegation with a mandate',
      'is the observable step.',
    ]),
    '',
    q('treaty_talks'),
    '',
    prose([
      'Non-proliferation is the quieter half. Both governments have an interest in keeping new',
      'nuclear states out of the club, and cooperation there has survived worse years than this',
      'one. If the channel produces anything durable, it may well be here, with less fanfare.',
    ]),
    '',
    '## Counter-terrorism',
    '',
    prose([
      'Intelligence sharing on specific threats has continued, on and off, through every',
      'downturn. It is the area where a better relationship shows up least in public and helps',
      'most in practice. We do not ask a question about it: the evidence would be classified, and',
      'a question nobody can resolve is worse than none.',
    ]),
    '',
    '## The Arctic',
    '',
    prose([
      'Alaska was not a neutral choice of venue. The Arctic is where the two countries are',
      'neighbours, where melting ice opens shipping routes and resource claims, and where the',
      'regional forum that used to bring all Arctic states together has been largely frozen.',
      'A limited agreement (search and rescue, fisheries, scientific cooperation) would be a',
      'small, concrete signal that the channel produces results below the presidential level.',
    ]),
    '',
    '## Sanctions',
    '',
    prose([
      'Sanctions are where expectations run furthest ahead of what is likely. The US can ease',
      'some measures by executive action, but the largest are written into law or coordinated',
      'with allies, and Congress has shown little appetite for relief. Our conditional question',
      'asks the narrow version: if the summit happens, will at least one major sanction be eased',
      'within six months? The definition of "major" in the resolution criteria is deliberately',
      'strict, so that a licence for a single transaction does not count.',
    ]),
    '',
    q('sanctions'),
    '',
    '## China\u2019s rise and the EU\u2019s position',
    '',
    prose([
      'Two other capitals shape what Washington and Moscow can offer each other. Beijing has',
      'become Moscow\u2019s most important economic partner, and some in Washington hope a warmer',
      'channel will loosen that tie; the framing here is that this hope is mostly wishful, because',
      'the partnership rests on trade and a shared wish to limit American power rather than on',
      'goodwill that a summit can redirect. Brussels, meanwhile, has its own sanctions regime and',
      'its own security concerns on its eastern border. A US\u2013Russia thaw that Europe does not',
      'share would strain the alliance; one that Europe follows would be a much larger change.',
      'EU sanctions relief is therefore one of our signposts.',
    ]),
    '',
    '## Domestic politics',
    '',
    prose([
      'The president\u2019s room for manoeuvre depends on opinion at home. A widely reported poll',
      'found that only about 15 % of Americans trust the Russian president. That number constrains',
      'what any administration can sell: a summit is defensible, concessions are harder. If that',
      'figure rises markedly in the next major national poll, it would suggest the public is',
      'following the president; if it stays where it is, expect Congress to keep its hand on the',
      'sanctions brake.',
    ]),
    '',
    q('poll'),
    '',
    '## Three scenarios',
    '',
    prose([
      'We describe the end of next year with three scenarios, each defined by things one can',
      'observe rather than by mood:',
    ]),
    '',
    prose([
      '- **D\u00e9tente**: at least two in-person meetings of the presidents during the year, formal',
      'strategic arms talks under way, and at least one major sanction eased.',
      '- **Tense coexistence**: regular contact continues, but without formal arms talks or',
      'meaningful sanctions relief; neither side expels the other\u2019s diplomats en masse.',
      '- **Renewed Cold War**: summitry stops, ambassadors are recalled or mass expulsions take',
      'place, and new major sanctions are imposed.',
    ]),
    '',
    prose([
      'The exact conditions are in the question\u2019s resolution criteria. Our own reading is that',
      'tense coexistence is the base case: a channel can exist without delivering, and most of the',
      'forces that drove the relationship down are still in place. D\u00e9tente needs several things',
      'to go right at once; a renewed Cold War needs only one serious incident.',
    ]),
    '',
    q('scenarios'),
    '',
    '## What would change our minds',
    '',
    prose([
      'The signposts are the cheapest way to update. An Arctic agreement or a prisoner exchange',
      'would each move us towards d\u00e9tente without deciding it; EU sanctions relief would be the',
      'strongest single signal, because it would mean the change is not only American. Our',
      'analyst notes follow each of them.',
    ]),
    '',
    '## Forecast and discuss',
    '',
    prose([
      'Every card in this article takes your forecast in place. Disagree with our base case? Say',
      'why in the discussion below: the comments that change the most minds rise to the top, and',
      'your forecast is shown beside what you write, so readers can see who argued for what, and',
      'who moved.',
    ]),
  ].join('\n');
}

interface NoteSpec {
  title: string;
  summary: string;
  body: (q: (key: DemoQuestionKey) => string) => string;
}

const NOTES: NoteSpec[] = [
  {
    title: 'Analyst note: the Arctic as a test of the channel',
    summary: 'Why a small Arctic agreement would say more than a large communiqué.',
    body: (q) =>
      [
        prose([
          'The Arctic is the rare region where both countries gain from rules: shipping through',
          'newly open waters needs search and rescue, and fish stocks do not respect borders.',
          'An agreement here would be modest. That is the point: it would show officials can',
          'finish something together. Watch for a signed text, not a joint statement of intent.',
        ]),
        '',
        q('signpost_arctic'),
      ].join('\n'),
  },
  {
    title: 'Analyst note: sanctions relief starts in Brussels',
    summary: 'The EU signpost, and why it matters more than a US licence.',
    body: (q) =>
      [
        prose([
          'US relief can be quick and reversible; EU relief needs unanimity among member states',
          'and is rarely granted lightly. If it happens, the change in the relationship is broader',
          'than one administration\u2019s choice. We expect it to be the last of the signposts to move.',
        ]),
        '',
        q('signpost_eu_sanctions'),
      ].join('\n'),
  },
  {
    title: 'Analyst note: arms control and the prisoner exchange',
    summary: 'Small humanitarian deals as a rehearsal for harder ones.',
    body: (q) =>
      [
        prose([
          'Prisoner exchanges are negotiated by a handful of officials, often through third',
          'countries, and they build the habits that arms-control talks need: confidential',
          'channels, sequencing, verification that each side delivered. An exchange would not',
          'mean talks are near, but talks without one would be surprising.',
        ]),
        '',
        q('signpost_prisoner_exchange'),
        '',
        q('treaty_talks'),
      ].join('\n'),
  },
];

/** The discussion: [author index, parent (index into this list) or null, body]; `@{n}` mentions forecaster n. */
const DISCUSSION: Array<[number, number | null, string]> = [
  [
    0,
    null,
    'I think the base case undersells d\u00e9tente. A second summit was agreed *before* the first one ended, which usually means the staff work had started already.',
  ],
  [
    1,
    0,
    'Agreeing to meet again is the cheapest thing a summit can produce. The first meeting had no agreed text at all; I would want a date before moving much.',
  ],
  [
    0,
    1,
    'Fair: I had not weighed the missing joint text. Moving my d\u00e9tente number down a little.',
  ],
  [
    2,
    null,
    'The poll question is the one I find hardest. Trust in a foreign leader moves slowly, and 15 % is close to a floor. I would put most of the mass between 10 and 20.',
  ],
  [
    3,
    null,
    'On sanctions: the article is right that Congress is the brake. Anything major written into law needs a vote, and I do not see the votes. Executive licences are possible, but the criteria exclude single transactions.',
  ],
  [
    4,
    3,
    'Agreed on the law, but some of the largest measures are executive orders. Easing one of those would count, and it needs no vote.',
  ],
  [3, 5, '@{4} good point, I had lumped them together. That raises my conditional number.'],
  [
    5,
    null,
    'A renewed Cold War needs only one serious incident: that line is the strongest argument in the piece. Incidents in the Baltic or over Syria have escalated fast before.',
  ],
  [
    6,
    null,
    'The Arctic signpost seems under-priced to me. Search-and-rescue cooperation continued informally even in bad years; formalising it is a small step.',
  ],
];

/** Publishes the demo articles and their discussion; returns the main article's id. */
export async function publishDemoArticles(
  deps: Deps,
  clock: DemoClock,
  loadedAt: Date,
  people: { analyst: UserActor; forecasters: UserActor[] },
  byKey: Map<DemoQuestionKey, QuestionRecord>,
): Promise<number> {
  const step = () => {
    const next = new Date(clock.now().getTime() + MINUTE_MS);
    if (next.getTime() < loadedAt.getTime()) clock.set(next);
  };
  const q = (key: DemoQuestionKey) => {
    const question = byKey.get(key);
    if (!question) throw new RangeError(`demo article: no question "${key}"`);
    return `{{${key === 'scenarios' ? 'scenarios' : 'question'}:${question.id}}}`;
  };
  step();
  const main = await createArticle(deps, {
    actor: people.analyst,
    title: 'US\u2013Russia outlook: what a second summit would change',
    summary:
      'A direct channel between the presidents, what it means for arms control, the Arctic, sanctions, China and Europe, and three scenarios for the end of next year.',
    body: outlook(q),
    tags: ['us-russia', 'analysis'],
  });
  await publishArticle(deps, { actor: people.analyst, key: main.id });
  for (const note of NOTES) {
    step();
    const created = await createArticle(deps, {
      actor: people.analyst,
      title: note.title,
      summary: note.summary,
      body: note.body(q),
      tags: ['us-russia', 'analyst-note'],
    });
    await publishArticle(deps, { actor: people.analyst, key: created.id });
  }
  const ids: number[] = [];
  for (const [author, parent, body] of DISCUSSION) {
    step();
    const actor = people.forecasters[author % people.forecasters.length] as UserActor;
    const comment = await postComment(deps, {
      actor,
      targetType: 'article',
      targetId: main.id,
      parentId: parent === null ? null : (ids[parent] ?? null),
      body: body.replace(/@\{(\d+)\}/g, (_match, index: string) => {
        const mentioned = people.forecasters[Number(index) % people.forecasters.length];
        return `@${mentioned?.username ?? 'someone'}`;
      }),
    });
    ids.push(comment.id);
  }
  // Votes and "changed my mind": deterministic, never on one's own comment.
  const reactions: Array<[number, number, 1 | -1, boolean]> = [
    [7, 0, 1, false],
    [8, 0, 1, true],
    [2, 1, 1, true],
    [9, 1, 1, false],
    [0, 3, 1, false],
    [1, 4, 1, false],
    [2, 5, 1, true],
    [6, 5, 1, true],
    [8, 7, 1, false],
    [0, 7, -1, false],
    [3, 8, 1, true],
  ];
  for (const [voter, commentIndex, value, changed] of reactions) {
    const actor = people.forecasters[voter % people.forecasters.length] as UserActor;
    const id = ids[commentIndex] as number;
    await voteOnComment(deps, { actor, id, value });
    if (changed) await markChangedMind(deps, { actor, id, isChanged: true });
  }
  return main.id;
}
