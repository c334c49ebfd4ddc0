// dev: load a running server with the bench's request mix
import { readFileSync } from 'node:fs';
import { runLoad } from '/work/main/bench/lib/api-load.ts';
import { Mulberry32 } from '/work/main/bench/lib/mulberry32.ts';
const { tokens, questionIds } = JSON.parse(readFileSync('/tmp/benchdev/tokens.json', 'utf8'));
const random = new Mulberry32(Number(process.argv[3] ?? 5));
const r = await runLoad({ url: process.argv[2], connections: Number(process.argv[4] ?? 50), durationSeconds: Number(process.argv[5] ?? 10), nextRequest: () => ({
  path: `/api/v1/questions/${questionIds[random.integer(questionIds.length)]}/forecasts`,
  headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[random.integer(tokens.length)]}` },
  body: `{"probability_yes":${(1 + random.integer(999)) / 1000}}`,
}) });
console.log(JSON.stringify({ ...r, non2xxSamples: r.non2xxSamples.slice(0, 2) }));
