// `npm run env-example`: writes .env.example from the configuration schema (src/config/).
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderEnvExample } from '../src/config/env-example.ts';

const target = join(dirname(fileURLToPath(import.meta.url)), '..', '.env.example');
writeFileSync(target, renderEnvExample());
console.log(`wrote ${target}`);
