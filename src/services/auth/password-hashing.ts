// argon2id password hashes with configurable cost, and a dummy verification for unknown accounts
// so that "no such user" takes as long as "wrong password".
import argon2 from 'argon2';
import type { Config } from '../../config/config.ts';

type HashCost = Pick<Config, 'argon2MemoryKib' | 'argon2TimeCost'>;

function options(config: HashCost) {
  return {
    type: argon2.argon2id,
    memoryCost: config.argon2MemoryKib,
    timeCost: config.argon2TimeCost,
    parallelism: 1,
  } as const;
}

export function hashPassword(config: HashCost, password: string): Promise<string> {
  return argon2.hash(password, options(config));
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    // A malformed stored hash must fail the login, not crash it.
    return false;
  }
}

/** True when the stored hash was made with other costs than the configured ones. */
export function needsRehash(config: HashCost, hash: string): boolean {
  try {
    return argon2.needsRehash(hash, options(config));
  } catch {
    return false;
  }
}

// One dummy hash per cost setting, made on first use: a cache, not state anyone relies on.
const dummyHashes = new Map<string, Promise<string>>();

/** Spends the same work as a real verification, then fails. */
export async function verifyAgainstDummy(config: HashCost, password: string): Promise<false> {
  const key = `${config.argon2MemoryKib}:${config.argon2TimeCost}`;
  let dummy = dummyHashes.get(key);
  if (!dummy) {
    dummy = hashPassword(config, 'brier-dummy-password-for-timing');
    dummyHashes.set(key, dummy);
  }
  await verifyPassword(await dummy, password);
  return false;
}
