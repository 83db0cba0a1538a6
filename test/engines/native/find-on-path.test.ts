import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findOnPath } from '../../../src/engines/native/find-on-path.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'parascad-path-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function file(path: string, mode: number): Promise<string> {
  const full = join(root, path);
  await mkdir(join(full, '..'), { recursive: true });
  await writeFile(full, '#!/bin/sh\n');
  await chmod(full, mode);
  return full;
}

describe.skipIf(process.platform === 'win32')('findOnPath', () => {
  it('finds the first executable of that name along PATH, passing over one that cannot run', async () => {
    await file('a/tool', 0o644);
    const runnable = await file('b/tool', 0o755);
    await file('c/tool', 0o755);
    const env = { PATH: ['', join(root, 'a'), join(root, 'b'), join(root, 'c')].join(':') };
    expect(await findOnPath('tool', { env, platform: 'linux' })).toBe(runnable);
  });

  it('answers undefined when no folder has it', async () => {
    expect(
      await findOnPath('tool', { env: { PATH: join(root, 'none') }, platform: 'linux' }),
    ).toBeUndefined();
  });
});
