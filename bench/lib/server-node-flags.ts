// The node flags `npm start` gives the server, read from package.json's start script, so that
// the API bench runs the server exactly as a deployment does (the Dockerfile repeats them; a
// test keeps the two in step).
import { readFileSync } from 'node:fs';
import path from 'node:path';

const START_COMMAND = /\bnode((?:\s+--\S+)*)\s+dist\/brier\.js\s+serve\b/;

/** The `--…` flags between `node` and `dist/brier.js serve` in a start command. */
export function nodeFlagsOf(command: string): string[] {
  const match = START_COMMAND.exec(command);
  if (!match) throw new Error(`no "node … dist/brier.js serve" in: ${command}`);
  return match[1].split(/\s+/).filter(Boolean);
}

/** The flags of package.json's `start` script (in the repository at `root`). */
export function startScriptNodeFlags(root: string): string[] {
  const packageJson = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  return nodeFlagsOf(packageJson.scripts.start ?? '');
}

const START_ENV = /\benv((?:\s+[A-Z_][A-Z0-9_]*=\S*)+)\s+node\b/;

/** The `NAME=value` words of `env … node` in a start command (none without `env`). */
export function envOf(command: string): Record<string, string> {
  const match = START_ENV.exec(command);
  if (!match) return {};
  const env: Record<string, string> = {};
  for (const word of match[1].split(/\s+/).filter(Boolean)) {
    const index = word.indexOf('=');
    env[word.slice(0, index)] = word.slice(index + 1);
  }
  return env;
}

/** The environment package.json's `start` script gives the server (`exec env A=1 node …`). */
export function startScriptEnv(root: string): Record<string, string> {
  const packageJson = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  return envOf(packageJson.scripts.start ?? '');
}
