import { chmod, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { findOpenScad } from '../../../src/engines/native/find-openscad.js';

let root: string;
let onPath: string;
let named: string;

async function executable(path: string): Promise<string> {
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, '#!/bin/sh\necho "OpenSCAD version 2021.01" >&2\n');
  await chmod(path, 0o755);
  return path;
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'parascad-find-'));
  onPath = await executable(join(root, 'bin', 'openscad'));
  named = await executable(join(root, 'custom', 'openscad-nightly'));
});

describe('findOpenScad', () => {
  it('finds openscad on PATH', async () => {
    const env = { PATH: `${join(root, 'empty')}:${join(root, 'bin')}` };
    expect(await findOpenScad({ env, platform: 'linux' })).toEqual({
      kind: 'found',
      path: onPath,
      source: 'PATH',
    });
  });

  it('prefers --openscad, then OPENSCAD, then openscad_path over PATH', async () => {
    const env = { PATH: join(root, 'bin'), OPENSCAD: named };
    expect(await findOpenScad({ env, platform: 'linux', explicitPath: onPath })).toMatchObject({
      source: '--openscad',
    });
    expect(await findOpenScad({ env, platform: 'linux', configPath: onPath })).toMatchObject({
      path: named,
      source: 'OPENSCAD',
    });
    expect(
      await findOpenScad({ env: { PATH: '' }, platform: 'linux', configPath: named }),
    ).toMatchObject({
      path: named,
      source: 'openscad_path',
    });
  });

  it('reports a named binary that does not exist instead of silently using another', async () => {
    const env = { PATH: join(root, 'bin') };
    expect(
      await findOpenScad({ env, platform: 'linux', explicitPath: join(root, 'nope') }),
    ).toEqual({
      kind: 'missing',
      path: join(root, 'nope'),
      source: '--openscad',
    });
  });

  it('finds nothing when there is nothing to find', async () => {
    expect(
      await findOpenScad({ env: { PATH: join(root, 'empty') }, platform: 'linux' }),
    ).toBeUndefined();
  });

  it('does not take a file that is not executable', async () => {
    const plain = join(root, 'plain', 'openscad');
    await mkdir(join(root, 'plain'), { recursive: true });
    await writeFile(plain, 'not a program');
    expect(
      await findOpenScad({ env: { PATH: join(root, 'plain') }, platform: 'linux' }),
    ).toBeUndefined();
  });
});

describe('findOpenScad with a bare command name', () => {
  it('looks a name without a slash up on PATH, as a shell would', async () => {
    const env = { PATH: join(root, 'custom') };
    expect(await findOpenScad({ env, platform: 'linux', configPath: 'openscad-nightly' })).toEqual({
      kind: 'found',
      path: named,
      source: 'openscad_path',
    });
    expect(await findOpenScad({ env, platform: 'linux', configPath: 'openscad-missing' })).toEqual({
      kind: 'missing',
      path: 'openscad-missing',
      source: 'openscad_path',
    });
  });
});
