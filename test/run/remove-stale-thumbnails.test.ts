import { mkdtemp, readdir, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PartResult } from '../../src/run/part-result.js';
import { removeStaleThumbnails } from '../../src/run/remove-stale-thumbnails.js';

/** A folder with `disc.stl` written after its picture `disc.stl.png`, and a result for it. */
async function staleDisc(): Promise<{ dir: string; result: PartResult }> {
  const dir = await mkdtemp(join(tmpdir(), 'parascad-stale-'));
  const stl = join(dir, 'disc.stl');
  await writeFile(join(dir, 'disc.stl.png'), 'picture');
  await writeFile(stl, 'solid');
  const earlier = new Date(Date.now() - 60_000);
  await utimes(join(dir, 'disc.stl.png'), earlier, earlier);
  const result = {
    status: 'ok',
    outputs: [{ format: 'stl', path: stl, bytes: 5, summary: '' }],
  } as unknown as PartResult;
  return { dir, result };
}

describe('removeStaleThumbnails', () => {
  it('removes a picture older than the output it shows', async () => {
    const { dir, result } = await staleDisc();
    await removeStaleThumbnails(result, new Set([join(dir, 'disc.stl')]));
    expect(await readdir(dir)).toEqual(['disc.stl']);
  });

  it('leaves a file that a part writes as an output of its own', async () => {
    const { dir, result } = await staleDisc();
    await removeStaleThumbnails(
      result,
      new Set([join(dir, 'disc.stl'), join(dir, 'disc.stl.png')]),
    );
    expect((await readdir(dir)).sort()).toEqual(['disc.stl', 'disc.stl.png']);
  });
});
