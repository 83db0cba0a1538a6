import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listFontFiles } from '../../../src/engines/wasm/list-font-files.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'parascad-fonts-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function files(...paths: string[]): Promise<void> {
  for (const path of paths) {
    await mkdir(join(root, path, '..'), { recursive: true });
    await writeFile(join(root, path), 'font');
  }
}

describe('listFontFiles', () => {
  it('lists TrueType, OpenType, collections and Type 1 fonts in every subfolder, and nothing else', async () => {
    await files(
      'system/truetype/dejavu/DejaVuSans.ttf',
      'system/opentype/Amiri.OTF',
      'system/Noto.ttc',
      'system/type1/n019003l.pfb',
      'system/type1/n019003l.afm',
      'system/fonts.dir',
      'system/README',
    );
    expect(await listFontFiles([join(root, 'system')])).toEqual([
      join(root, 'system/Noto.ttc'),
      join(root, 'system/opentype/Amiri.OTF'),
      join(root, 'system/truetype/dejavu/DejaVuSans.ttf'),
      join(root, 'system/type1/n019003l.pfb'),
    ]);
  });

  it('follows symlinks at the path it found them, once, and survives a link back up the tree', async () => {
    await files('shared/Shared.ttf', 'user/Own.otf');
    await symlink(join(root, 'shared'), join(root, 'user', 'linked'));
    await symlink(join(root, 'user'), join(root, 'user', 'loop'));
    await symlink(join(root, 'shared', 'Shared.ttf'), join(root, 'user', 'Alias.ttf'));
    expect(await listFontFiles([join(root, 'user')])).toEqual([
      join(root, 'user/Alias.ttf'),
      join(root, 'user/linked/Shared.ttf'),
      join(root, 'user/Own.otf'),
    ]);
  });

  it('passes over folders that do not exist and lists a folder given twice once', async () => {
    await files('fonts/A.ttf');
    const fonts = join(root, 'fonts');
    expect(await listFontFiles([join(root, 'missing'), fonts, fonts])).toEqual([
      join(fonts, 'A.ttf'),
    ]);
  });
});
