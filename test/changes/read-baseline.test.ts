import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBaseline } from '../../src/changes/read-baseline.js';
import { makeFolder } from '../../src/util/make-folder.js';

async function folderOf(files: readonly string[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'parascad-baseline-'));
  for (const file of files) {
    await makeFolder(dirname(join(dir, file)));
    await writeFile(join(dir, file), 'x');
  }
  return dir;
}

describe('a baseline folder', () => {
  it('counts as unmatched the files no part writes, but neither thumbnails nor a gallery folder', async () => {
    const dir = await folderOf([
      'old.stl',
      'old.stl.png',
      'parts/gone.3mf',
      'gallery/.parascad-gallery',
      'gallery/index.html',
      'gallery/meshes/p0.js',
      'gallery/thumbs/p0.png',
      'galleryish/notes.txt',
    ]);
    const baseline = await readBaseline(dir, [], dir, dir);
    expect(baseline.unmatched).toEqual(['galleryish/notes.txt', 'old.stl', 'parts/gone.3mf']);
  });
});
