import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { removeStaleTempFiles } from '../../src/run/remove-stale-temp-files.js';
import {
  makeScratchDir,
  removeScratchDir,
  tempNameBeside,
  tempNameOwner,
} from '../../src/run/temp-names.js';
import { removeFile } from '../../src/util/remove-file.js';
import { existsSync } from 'node:fs';

describe('tempNameBeside', () => {
  it('makes a hidden unique name in the same folder that keeps the suffix OpenSCAD reads', () => {
    const first = tempNameBeside('/out/gear.stl');
    const second = tempNameBeside('/out/gear.stl');
    expect(dirname(first)).toBe('/out');
    expect(basename(first)).toMatch(/^\.parascad-\d+-[0-9a-f]{8}-gear\.stl$/);
    expect(first).not.toBe(second);
    expect(tempNameOwner(basename(first))).toBe(process.pid);
  });

  it('fits the name where the final one fits: a 250-character module name gives no ENAMETOOLONG', () => {
    const final = `${'m'.repeat(250)}.stl`;
    const temp = basename(tempNameBeside(join('/out', final)));
    expect(Buffer.byteLength(temp)).toBeLessThanOrEqual(255);
    expect(temp).toMatch(/^\.parascad-\d+-[0-9a-f]{8}-m+…m+\.stl$/);
  });

  it('does not claim names it did not make', () => {
    expect(tempNameOwner('gear.stl')).toBeUndefined();
    expect(tempNameOwner('.parascad')).toBeUndefined();
  });
});

describe('removeStaleTempFiles', () => {
  it('removes what dead processes left and keeps files of live ones and of the user', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'parascad-stale-'));
    // A process that has certainly exited: its pid is free (or reused, which the check tolerates).
    const deadPid = spawnSync(process.execPath, ['-e', '0']).pid;
    const dead = `.parascad-${deadPid}-0123abcd-gear.stl`;
    const live = basename(tempNameBeside(join(folder, 'lid.stl')));
    for (const name of [dead, live, 'gear.stl']) await writeFile(join(folder, name), 'x');
    const removed = await removeStaleTempFiles([folder, join(folder, 'missing')]);
    expect(removed).toEqual([join(folder, dead)]);
    expect((await readdir(folder)).sort()).toEqual([live, 'gear.stl'].sort());
  });
});

describe('removeScratchDir', () => {
  it('removes a part scratch folder with its files, and one holding a folder too', async () => {
    const flat = await makeScratchDir();
    await writeFile(join(flat, 'part.scad'), 'cube(1);');
    await writeFile(join(flat, 'part.d'), 'x: y');
    await removeScratchDir(flat);
    expect(existsSync(flat)).toBe(false);

    const nested = await makeScratchDir();
    await mkdir(join(nested, 'inner'));
    await writeFile(join(nested, 'inner', 'file'), 'x');
    await removeScratchDir(nested);
    expect(existsSync(nested)).toBe(false);
    // Gone already: nothing to do, no error.
    await removeScratchDir(nested);
  });
});

describe('removeFile', () => {
  it('removes a file, accepts one that is gone, and reports other failures', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'parascad-remove-'));
    const file = join(dir, 'x.stl');
    await writeFile(file, 'solid');
    await removeFile(file);
    expect(existsSync(file)).toBe(false);
    await removeFile(file);
    const failure: unknown = await removeFile(dir).catch((error: unknown) => error);
    expect(['EISDIR', 'EPERM']).toContain((failure as NodeJS.ErrnoException).code);
  });
});
