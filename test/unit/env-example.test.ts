// .env.example documents exactly the variables src/config/config.ts reads, each with a comment,
// and its values are accepted by loadConfig.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.ts';
import { REPO_ROOT } from '../helpers/brier-process.ts';

const configSource = readFileSync(join(REPO_ROOT, 'src/config/config.ts'), 'utf8');
const example = readFileSync(join(REPO_ROOT, '.env.example'), 'utf8');

/** `env.NAME` and `'NAME'` (the names passed to the readers) in config.ts. */
function variablesReadByConfig(): string[] {
  const names = new Set<string>();
  for (const match of configSource.matchAll(/\benv\.([A-Z][A-Z0-9_]+)|'([A-Z][A-Z0-9_]{2,})'/g)) {
    names.add((match[1] ?? match[2])!);
  }
  return [...names].sort();
}

/** `NAME=value` lines, and `# NAME=value` examples, of .env.example. */
function documentedVariables(): Map<string, { value: string; hasComment: boolean }> {
  const lines = example.split('\n');
  const documented = new Map<string, { value: string; hasComment: boolean }>();
  lines.forEach((line, index) => {
    const match = /^(?:# )?([A-Z][A-Z0-9_]+)=(.*)$/.exec(line);
    if (!match || documented.has(match[1]!)) return;
    // Explained by a comment in the same paragraph above it (two variables may share one).
    let hasComment = false;
    for (let above = index - 1; above >= 0 && lines[above] !== ''; above--) {
      const text = lines[above]!;
      if (text.startsWith('# ') && !/^# [A-Z][A-Z0-9_]+=/.test(text)) hasComment = true;
    }
    documented.set(match[1]!, { value: match[2]!, hasComment });
  });
  return documented;
}

describe('.env.example', () => {
  it('lists every variable config.ts reads, and no other', () => {
    expect([...documentedVariables().keys()].sort()).toEqual(variablesReadByConfig());
  });

  it('explains each variable in a comment above it', () => {
    for (const [name, { hasComment }] of documentedVariables()) {
      expect(hasComment, `${name} needs a comment`).toBe(true);
    }
  });

  it('holds values loadConfig accepts (uncommented ones as a whole, examples one by one)', () => {
    const active: Record<string, string> = {};
    for (const line of example.split('\n')) {
      const match = /^([A-Z][A-Z0-9_]+)=(.*)$/.exec(line);
      if (match) active[match[1]!] = match[2]!;
    }
    expect(() => loadConfig(active, () => 'generated')).not.toThrow();
    for (const line of example.split('\n')) {
      const match = /^# ([A-Z][A-Z0-9_]+)=(.*)$/.exec(line);
      if (match) {
        expect(() => loadConfig({ [match[1]!]: match[2]! }, () => 'generated')).not.toThrow();
      }
    }
  });
});
