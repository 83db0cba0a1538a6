import { readFileSync } from 'node:fs';

/** parascad's own version, from its package.json. */
export const parascadVersion: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;
