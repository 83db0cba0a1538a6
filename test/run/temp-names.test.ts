import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { removeStaleTempFiles } from '../../src/run/remove-stale-temp-files.js';
import { tempNameBeside, tempNameOwner } from '../../src/run/temp-names.js';

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
