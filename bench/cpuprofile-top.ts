// Top self times of a V8 `.cpuprofile` (from `node --cpu-prof`), without DevTools:
//
//   node --import tsx bench/cpuprofile-top.ts FILE.cpuprofile [--top 40] [--by function|file]
//
// Self time = samples whose top frame is the function (or any function of the file). Used with
// `npm run bench:api -- --profile DIR`, which runs the server under `--cpu-prof`.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

function shortUrl(url: string): string {
  const marker = url.lastIndexOf('node_modules/');
  if (marker >= 0) return url.slice(marker + 'node_modules/'.length);
  const source = url.lastIndexOf('/src/');
  if (source >= 0) return url.slice(source + 1);
  return url.replace(/^file:\/\//, '');
}

function main(): void {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      top: { type: 'string', default: '40' },
      by: { type: 'string', default: 'function' },
    },
  });
  const file = positionals[0];
  if (file === undefined) throw new Error('usage: cpuprofile-top.ts FILE.cpuprofile');
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<string, number>();
  let totalUs = 0;
  for (let index = 0; index < profile.samples.length; index++) {
    const node = byId.get(profile.samples[index]);
    const delta = profile.timeDeltas[index] ?? 0;
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const key =
      values.by === 'file'
        ? shortUrl(url) || `(${functionName})`
        : `${functionName || '(anonymous)'} ${shortUrl(url)}:${lineNumber + 1}`;
    selfUs.set(key, (selfUs.get(key) ?? 0) + delta);
    totalUs += delta;
  }
  const idleUs = [...selfUs.entries()]
    .filter(([key]) => key.startsWith('(idle)') || key.startsWith('(program)'))
    .reduce((sum, [, us]) => sum + us, 0);
  process.stdout.write(
    `${(totalUs / 1e6).toFixed(2)} s sampled, ${(idleUs / 1e6).toFixed(2)} s idle/program\n`,
  );
  const rows = [...selfUs.entries()].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top));
  for (const [key, us] of rows) {
    const share = ((us / totalUs) * 100).toFixed(1).padStart(5);
    process.stdout.write(`${share} %  ${(us / 1000).toFixed(0).padStart(7)} ms  ${key}\n`);
  }
}

main();
