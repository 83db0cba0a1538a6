import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';

/** A test file's temporary folder, and the shell scripts its tests write there. */
export interface ScriptFolder {
  /** The folder (set before the file's first test, removed after its last). */
  readonly dir: string;
  /** Writes an executable `#!/bin/sh` script with this body, and answers its path. */
  readonly script: (body: string) => Promise<string>;
}

/** Makes a {@link ScriptFolder} for the tests of the calling file. */
export function useScriptFolder(prefix: string): ScriptFolder {
  let dir = '';
  let count = 0;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), prefix));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  return {
    get dir() {
      return dir;
    },
    script: async (body) => {
      count += 1;
      const path = join(dir, `script${count}.sh`);
      await writeFile(path, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
      return path;
    },
  };
}
