// .env.example is rendered from the configuration schema (src/config/env-schema.ts) and holds
// values loadConfig accepts: editing one without the other fails here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.ts';
import { renderEnvExample } from '../../src/config/env-example.ts';
import { ENV_VARIABLES } from '../../src/config/env-schema.ts';
import { REPO_ROOT } from '../helpers/brier-process.ts';

const example = readFileSync(join(REPO_ROOT, '.env.example'), 'utf8');

/** `NAME=value` lines (active) and `# NAME=value` lines (examples) of .env.example. */
function assignments(pattern: RegExp): Map<string, string> {
  const found = new Map<string, string>();
  for (const line of example.split('\n')) {
    const match = pattern.exec(line);
    if (match) found.set(match[1]!, match[2]!);
  }
  return found;
}

describe('.env.example', () => {
  it('is what `npm run env-example` renders from the schema', () => {
    expect(example).toBe(renderEnvExample());
  });

  it('names every variable of the schema, each after its explanation', () => {
    const named = new Set([
      ...assignments(/^([A-Z][A-Z0-9_]+)=(.*)$/).keys(),
      ...assignments(/^# ([A-Z][A-Z0-9_]+)=(.*)$/).keys(),
    ]);
    expect([...named].sort()).toEqual(ENV_VARIABLES.map(([name]) => name).sort());
    for (const [name, schema] of ENV_VARIABLES) {
      expect(schema.description.length, name).toBeGreaterThan(10);
      expect(example).toContain(schema.description.split(' ').slice(0, 3).join(' '));
    }
  });

  it('holds values loadConfig accepts (active ones as a whole, examples one by one)', () => {
    const active = Object.fromEntries(assignments(/^([A-Z][A-Z0-9_]+)=(.*)$/));
    expect(() => loadConfig(active, () => 'generated')).not.toThrow();
    for (const [name, value] of assignments(/^# ([A-Z][A-Z0-9_]+)=(.*)$/)) {
      expect(() => loadConfig({ [name]: value }, () => 'generated')).not.toThrow();
    }
  });

  it('shows the defaults loadConfig applies to an empty environment', () => {
    const active = Object.fromEntries(assignments(/^([A-Z][A-Z0-9_]+)=(.*)$/));
    expect(loadConfig(active, () => 'generated')).toEqual(loadConfig({}, () => 'generated'));
  });
});
