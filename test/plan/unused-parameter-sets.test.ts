import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unusedParameterSetsWarning } from '../../src/plan/unused-parameter-sets.js';

async function fileWithJson(json: string | undefined): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'parascad-unused-sets-'));
  await writeFile(join(folder, 'bin.scad'), 'size = 1;\ncube(size);\n');
  if (json !== undefined) await writeFile(join(folder, 'bin.json'), json);
  return join(folder, 'bin.scad');
}

describe('unusedParameterSetsWarning', () => {
  it('names the first five sets and counts the rest', async () => {
    const sets = Object.fromEntries(
      ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((name) => [name, { size: '2' }]),
    );
    const warning = await unusedParameterSetsWarning(
      await fileWithJson(JSON.stringify({ parameterSets: sets, fileFormatVersion: '1' })),
    );
    expect(warning?.message).toBe(
      'bin.json beside bin.scad holds 7 customizer sets ("a", "b", "c", "d", "e" and 2 more), which this run leaves out: it renders the file\'s defaults',
    );
    expect(warning?.hint).toBe('-p bin.json renders one part per set, -P "a" one of them');
  });

  it('says nothing without NAME.json, or for one that is not a customizer file', async () => {
    expect(await unusedParameterSetsWarning(await fileWithJson(undefined))).toBeUndefined();
    expect(await unusedParameterSetsWarning(await fileWithJson('{"name": "bin"}'))).toBeUndefined();
    expect(await unusedParameterSetsWarning(await fileWithJson('not json'))).toBeUndefined();
  });
});
