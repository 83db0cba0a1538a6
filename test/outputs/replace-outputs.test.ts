import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OutputsNotReplaced, replaceOutputsTogether } from '../../src/outputs/replace-outputs.js';

async function folderWith(files: Record<string, string>): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'parascad-replace-'));
  for (const [name, text] of Object.entries(files)) await writeFile(join(folder, name), text);
  return folder;
}

describe('replaceOutputsTogether', () => {
  it('puts every finished file in place and leaves no second names behind', async () => {
    const folder = await folderWith({ 'new.stl': 'new stl', 'new.off': 'new off', 'b.stl': 'old' });
    await replaceOutputsTogether([
      { from: join(folder, 'new.stl'), to: join(folder, 'b.stl') },
      { from: join(folder, 'new.off'), to: join(folder, 'b.off') },
    ]);
    expect((await readdir(folder)).sort()).toEqual(['b.off', 'b.stl']);
    expect(await readFile(join(folder, 'b.stl'), 'utf8')).toBe('new stl');
    expect(await readFile(join(folder, 'b.off'), 'utf8')).toBe('new off');
  });

  it('replaces none of the outputs when one of them is a folder, and says which', async () => {
    const folder = await folderWith({ 'new.stl': 'new stl', 'new.off': 'new off', 'b.stl': 'old' });
    await mkdir(join(folder, 'b.off'));
    const replacing = replaceOutputsTogether([
      { from: join(folder, 'new.stl'), to: join(folder, 'b.stl') },
      { from: join(folder, 'new.off'), to: join(folder, 'b.off') },
    ]);
    await expect(replacing).rejects.toThrow(OutputsNotReplaced);
    await expect(replacing).rejects.toThrow(/b\.off is a folder, not a file/);
    expect(await readFile(join(folder, 'b.stl'), 'utf8')).toBe('old');
    expect((await readdir(folder)).sort()).toEqual(['b.off', 'b.stl', 'new.off', 'new.stl']);
  });

  it('puts the earlier outputs back when a later rename fails, and removes a new one that had none', async () => {
    const folder = await folderWith({ 'new.stl': 'new stl', 'new.3mf': 'new 3mf', 'b.stl': 'old' });
    const replacing = replaceOutputsTogether([
      { from: join(folder, 'new.stl'), to: join(folder, 'b.stl') },
      { from: join(folder, 'new.3mf'), to: join(folder, 'b.3mf') },
      { from: join(folder, 'gone.off'), to: join(folder, 'b.off') },
    ]);
    await expect(replacing).rejects.toThrow(/b\.off could not be written/);
    expect(await readFile(join(folder, 'b.stl'), 'utf8')).toBe('old');
    expect((await readdir(folder)).sort()).toEqual(['b.stl']);
  });
});
