import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hasNativeOpenScad } from '../support/has-native-openscad.js';
import { makeReadOnly } from '../support/read-only-folder.js';
import { runCli } from '../support/run-cli.js';

let root: string;
let project: string;
let out: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'parascad-outfaults-'));
  project = join(root, 'project');
  out = join(root, 'out');
  await mkdir(project);
  await mkdir(out);
  // A small part, and one whose STL (~1 MB) cannot fit on a 64 KB disk.
  await writeFile(
    join(project, 'project.scad'),
    'module small() //render.model.stl\n{ cube(1); }\nmodule big() //render.model.stl\n{ sphere(10, $fn = 120); }\n',
  );
});
afterEach(async () => {
  spawnSync('umount', [out]);
  await rm(root, { recursive: true, force: true });
});

/** Mounts a 64 KB tmpfs on the output folder: why not, when it cannot (not root, no mount). */
function mountFullDisk(): string | undefined {
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', out], {
    encoding: 'utf8',
  });
  return mounted.status === 0 ? undefined : `cannot mount a tmpfs: ${mounted.stderr.trim()}`;
}

const canMount = process.platform === 'linux' && process.getuid?.() === 0;
const engines = hasNativeOpenScad ? ['wasm', 'native'] : ['wasm'];

describe.skipIf(!canMount)('the output folder on a full disk (a 64 KB tmpfs; needs root)', () => {
  for (const engine of engines) {
    it(`fails the part that does not fit, keeps the earlier good output, and leaves no partial file (${engine})`, async () => {
      const reason = mountFullDisk();
      expect(reason).toBeUndefined();
      await writeFile(join(out, 'big.stl'), 'an earlier good output\n');
      const run = await runCli(
        ['render', '--engine', engine, '-o', out, '-j', '1', '--no-cache'],
        project,
      );
      expect(run.code, run.stdout + run.stderr).toBe(1);
      expect(run.stdout).toMatch(/✓ small/);
      expect(run.stdout).toMatch(/✗ big .*(ENOSPC|no space left|Disk full)/i);
      expect((await readdir(out)).sort()).toEqual(['big.stl', 'small.stl']);
      expect(await readFile(join(out, 'big.stl'), 'utf8')).toBe('an earlier good output\n');
    });
  }
});

describe.skipIf(process.platform !== 'linux')('a read-only output folder', () => {
  it('fails each part saying the folder cannot be written, and renders nothing half', async () => {
    const restore = await makeReadOnly(out);
    try {
      const run = await runCli(
        ['render', 'small', '--engine', 'wasm', '-o', out, '--no-cache'],
        project,
      );
      expect(run.code, run.stdout + run.stderr).toBe(1);
      expect(run.stdout).toMatch(/✗ small .*(EROFS|read-only|EACCES|permission denied)/i);
      expect(run.stderr).not.toMatch(/failed unexpectedly/);
      expect(await readdir(out)).toEqual([]);
    } finally {
      await restore();
    }
  });
});
