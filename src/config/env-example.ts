// Renders `.env.example` from ENV_SCHEMA: every variable under its section, its description as
// a comment, then `NAME=default` (or `NAME=` when unset by default) and any example commented
// out. `npm run env-example` writes the file; test/unit/env-example.test.ts keeps it in step.
import { ENV_VARIABLES, type EnvSection, type EnvVariableSchema } from './env-schema.ts';

const WIDTH = 94;

const HEADER = `# Brier configuration. Every variable is optional: with none set, \`npm start\` serves
# http://localhost:3000 from an embedded PostgreSQL (PGlite) stored in ./data.
# Brier reads the process environment only; to use this file, copy it to .env, edit it, and
# start with \`node --env-file=.env bin/brier.mjs serve\` (or export the variables in your shell,
# systemd unit, container or orchestrator). Invalid values stop the start with one line naming
# the variable. Values shown are the defaults unless marked "example".
# Generated from src/config/env-schema.ts by \`npm run env-example\`: edit the schema, not this.`;

function comment(text: string): string[] {
  const lines: string[] = [];
  let line = '#';
  for (const word of text.split(' ')) {
    if (line !== '#' && line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = '#';
    }
    line += ` ${word}`;
  }
  return [...lines, line];
}

function sectionRule(section: EnvSection): string {
  const title = `# --- ${section} `;
  return title.padEnd(Math.max(WIDTH, title.length + 3), '-');
}

function variableLines(name: string, schema: EnvVariableSchema): string[] {
  const lines = comment(schema.description);
  if (schema['x-example'] !== undefined) {
    lines.push('# Example:', `# ${name}=${schema['x-example']}`);
  }
  if (!schema['x-derived-default']) lines.push(`${name}=${schema.default ?? ''}`);
  return lines;
}

export function renderEnvExample(): string {
  const paragraphs: string[] = [HEADER];
  let section: EnvSection | undefined;
  let block: string[] = [];
  for (const [name, schema] of ENV_VARIABLES) {
    if (schema['x-section'] !== section) {
      if (block.length > 0) paragraphs.push(block.join('\n'));
      section = schema['x-section'];
      block = [sectionRule(section)];
    }
    block.push(...variableLines(name, schema));
  }
  paragraphs.push(block.join('\n'));
  return `${paragraphs.join('\n\n')}\n`;
}
