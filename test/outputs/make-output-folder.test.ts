import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeOutputFolder } from '../../src/outputs/make-output-folder.js';

let folder: string;
let outDir: string;
let elsewhere: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'parascad-output-folder-'));
  outDir = join(folder, 'outputs');
  elsewhere = join(folder, 'elsewhere');
  await mkdir(elsewhere);
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe.skipIf(process.platform === 'win32')('making an output folder', () => {
  it('creates the output folder and the folders a template asks for below it', async () => {
    await makeOutputFolder(join(outDir, 'a', 'b'), outDir);
    expect(await readdir(join(outDir, 'a'))).toEqual(['b']);
  });

  it('refuses a subfolder that is a symlink out of the output folder, and writes nothing there', async () => {
    await mkdir(outDir);
    await symlink(elsewhere, join(outDir, 'sub'));
    await expect(makeOutputFolder(join(outDir, 'sub', 'deeper'), outDir)).rejects.toThrow(
      /leads out of the output folder/,
    );
    expect(await readdir(elsewhere)).toEqual([]);
  });

  it('accepts a subfolder symlinked to another folder inside the output folder', async () => {
    await mkdir(join(outDir, 'real'), { recursive: true });
    await symlink(join(outDir, 'real'), join(outDir, 'alias'));
    await makeOutputFolder(join(outDir, 'alias'), outDir);
  });

  it('accepts an output folder that is itself a symlink: the user chose it', async () => {
    await symlink(elsewhere, outDir);
    await makeOutputFolder(join(outDir, 'sub'), outDir);
    expect(await readdir(elsewhere)).toEqual(['sub']);
  });

  it('refuses a file where a folder should be', async () => {
    await mkdir(outDir);
    await writeFile(join(outDir, 'sub'), 'not a folder');
    await expect(makeOutputFolder(join(outDir, 'sub', 'x'), outDir)).rejects.toThrow();
  });

  it('refuses a folder outside the output folder', async () => {
    await expect(makeOutputFolder(elsewhere, outDir)).rejects.toThrow(/outside the output folder/);
  });
});
