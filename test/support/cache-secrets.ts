// The secret values sitting in a token cache folder (tokens and client
// registrations), for tests that check none of them reached the user.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const SECRET_KEYS = ['accessToken', 'refreshToken', 'clientSecret'] as const;

export function cacheSecrets(cacheDir: string): string[] {
  const found: string[] = [];
  let names: string[];
  try {
    names = readdirSync(cacheDir);
  } catch {
    return found;
  }
  for (const name of names) {
    try {
      const data = JSON.parse(readFileSync(path.join(cacheDir, name), 'utf8')) as Record<
        string,
        unknown
      >;
      for (const key of SECRET_KEYS) if (typeof data[key] === 'string') found.push(data[key]);
    } catch {
      // Not JSON (a corrupt token, another tool's file): nothing readable to leak.
    }
  }
  return found;
}
