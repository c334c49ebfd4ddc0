#!/usr/bin/env node
// The single `brier` executable: registers the TypeScript loader, then hands over to src/main.ts.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main.ts');
await main(process.argv.slice(2));
