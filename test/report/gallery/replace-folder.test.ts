import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replaceFolder } from '../../../src/report/gallery/replace-folder.js';

async function folderWith(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'parascad-replace-'));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

describe('replaceFolder', () => {
  it('moves the finished folder in where there is none', async () => {
    const finished = await folderWith({ 'index.html': 'new', '.mark': '' });
    const target = join(await mkdtemp(join(tmpdir(), 'parascad-replace-')), 'gallery');
    await replaceFolder(finished, target, '.mark');
    expect(await readFile(join(target, 'index.html'), 'utf8')).toBe('new');
  });

  it('replaces an earlier folder of its kind whole, leaving nothing aside', async () => {
    const finished = await folderWith({ 'index.html': 'new', '.mark': '' });
    const target = await folderWith({ 'index.html': 'old', 'stale.png': '', '.mark': '' });
    await replaceFolder(finished, target, '.mark');
    expect((await readdir(target)).sort()).toEqual(['.mark', 'index.html']);
    expect(await readFile(join(target, 'index.html'), 'utf8')).toBe('new');
    const parent = join(target, '..');
    expect((await readdir(parent)).filter((name) => name.includes('parascad-old'))).toEqual([]);
  });

  it("never replaces a folder of the user's own", async () => {
    const finished = await folderWith({ 'index.html': 'new', '.mark': '' });
    const target = await folderWith({ 'thesis.tex': 'precious' });
    await expect(replaceFolder(finished, target, '.mark')).rejects.toThrow(
      /not an earlier gallery/,
    );
    expect(await readFile(join(target, 'thesis.tex'), 'utf8')).toBe('precious');
  });

  it('fills an empty folder', async () => {
    const finished = await folderWith({ 'index.html': 'new', '.mark': '' });
    const target = join(await mkdtemp(join(tmpdir(), 'parascad-replace-')), 'empty');
    await mkdir(target);
    await replaceFolder(finished, target, '.mark');
    expect(await readdir(target)).toContain('index.html');
  });
});
