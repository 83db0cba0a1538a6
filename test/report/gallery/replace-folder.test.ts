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

/** What the folders of these tests write. */
const ours = (path: string): boolean => ['.mark', 'index.html', 'stale.png', 'pics'].includes(path);

describe('replaceFolder', () => {
  it('moves the finished folder in where there is none', async () => {
    const finished = await folderWith({ 'index.html': 'new', '.mark': '' });
    const target = join(await mkdtemp(join(tmpdir(), 'parascad-replace-')), 'gallery');
    await replaceFolder(finished, target, '.mark', ours);
    expect(await readFile(join(target, 'index.html'), 'utf8')).toBe('new');
  });

  it('replaces an earlier folder of its kind whole, leaving nothing aside', async () => {
    const finished = await folderWith({ 'index.html': 'new', '.mark': '' });
    const target = await folderWith({ 'index.html': 'old', 'stale.png': '', '.mark': '' });
    await replaceFolder(finished, target, '.mark', ours);
    expect((await readdir(target)).sort()).toEqual(['.mark', 'index.html']);
    expect(await readFile(join(target, 'index.html'), 'utf8')).toBe('new');
    const parent = join(target, '..');
    expect((await readdir(parent)).filter((name) => name.includes('parascad-old'))).toEqual([]);
  });

  it("never replaces a folder of the user's own", async () => {
    const finished = await folderWith({ 'index.html': 'new', '.mark': '' });
    const target = await folderWith({ 'thesis.tex': 'precious' });
    await expect(replaceFolder(finished, target, '.mark', ours)).rejects.toThrow(
      /not an earlier gallery/,
    );
    expect(await readFile(join(target, 'thesis.tex'), 'utf8')).toBe('precious');
  });

  it("never replaces an earlier folder of its kind that holds files of the user's own, and names them", async () => {
    const finished = await folderWith({ 'index.html': 'new', '.mark': '' });
    const target = await folderWith({ 'index.html': 'old', '.mark': '', 'NOTES.md': 'mine' });
    await mkdir(join(target, 'pics'));
    await mkdir(join(target, 'extra'));
    await expect(replaceFolder(finished, target, '.mark', ours)).rejects.toThrow(
      `${target} is an earlier gallery holding files of your own (NOTES.md, extra), which replacing it would delete: move them out, or give another folder`,
    );
    expect(await readFile(join(target, 'NOTES.md'), 'utf8')).toBe('mine');
    expect(await readFile(join(target, 'index.html'), 'utf8')).toBe('old');
  });

  it('fills an empty folder', async () => {
    const finished = await folderWith({ 'index.html': 'new', '.mark': '' });
    const target = join(await mkdtemp(join(tmpdir(), 'parascad-replace-')), 'empty');
    await mkdir(target);
    await replaceFolder(finished, target, '.mark', ours);
    expect(await readdir(target)).toContain('index.html');
  });
});
