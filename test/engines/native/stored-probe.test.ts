import { mkdtemp, readFile, rename, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recallProbe, storedProbe } from '../../../src/engines/native/stored-probe.js';
import type { OpenScadCapabilities } from '../../../src/engines/native/probe-openscad.js';

/** A stand-in binary in a folder of its own, and where its answers are to be remembered. */
async function aBinary(): Promise<{ dir: string; binary: string; file: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'parascad-probe-'));
  const binary = join(dir, 'openscad');
  await writeFile(binary, 'v1');
  return { dir, binary, file: join(dir, 'probes.json') };
}

describe('storedProbe', () => {
  it('asks a binary once, and again only when the binary changed', async () => {
    const { binary, file } = await aBinary();
    const asked: string[] = [];
    const probe = (path: string): Promise<OpenScadCapabilities> => {
      asked.push(path);
      return Promise.resolve({ version: `v${asked.length}`, backendArgs: [], backend: 'cgal' });
    };
    expect((await storedProbe(file, probe)(binary)).version).toBe('v1');
    expect((await storedProbe(file, probe)(binary)).version).toBe('v1');
    expect(asked).toHaveLength(1);
    const later = new Date(Date.now() + 60_000);
    await utimes(binary, later, later);
    expect((await storedProbe(file, probe)(binary)).version).toBe('v2');
    expect(asked).toHaveLength(2);
  });
});

describe('recallProbe', () => {
  it('answers what the file remembers of the very binary, and never writes', async () => {
    const { dir, binary, file } = await aBinary();
    expect(await recallProbe(file, binary)).toBeUndefined();
    await expect(stat(file)).rejects.toThrow();
    const answer: OpenScadCapabilities = { version: '2021.01', backendArgs: [], backend: 'cgal' };
    await storedProbe(file, () => Promise.resolve(answer))(binary);
    expect(await recallProbe(file, binary)).toEqual(answer);
    // Another file put in its place, same size and time: another binary.
    const { mtime } = await stat(binary);
    await writeFile(join(dir, 'new'), 'v2');
    await utimes(join(dir, 'new'), mtime, mtime);
    await rename(join(dir, 'new'), binary);
    expect(await recallProbe(file, binary)).toBeUndefined();
    expect(await recallProbe(join(dir, 'missing.json'), binary)).toBeUndefined();
    expect(await recallProbe(file, join(dir, 'no-such-binary'))).toBeUndefined();
  });
});

describe('a remembered answer', () => {
  it('is believed only when a probe could have given it: its arguments reach OpenSCAD', async () => {
    const { binary, file } = await aBinary();
    const answer: OpenScadCapabilities = {
      version: '2025.01.19',
      backendArgs: ['--backend=manifold'],
      backend: 'manifold',
      exportFormats: ['stl', '3mf'],
    };
    await storedProbe(file, () => Promise.resolve(answer))(binary);
    expect(await recallProbe(file, binary)).toEqual(answer);
    const [key] = Object.keys(JSON.parse(await readFile(file, 'utf8')) as object);
    for (const edited of [
      { ...answer, backendArgs: ['-o', '/tmp/elsewhere.stl'] },
      { ...answer, backend: 'cgal' },
      { ...answer, exportFormats: ['stl', '-o x'] },
      { ...answer, version: '' },
      'not an answer',
    ]) {
      await writeFile(file, JSON.stringify({ [key ?? '']: edited }));
      expect(await recallProbe(file, binary)).toBeUndefined();
      let asked = 0;
      const probe = (): Promise<OpenScadCapabilities> => {
        asked += 1;
        return Promise.resolve(answer);
      };
      expect(await storedProbe(file, probe)(binary)).toEqual(answer);
      expect(asked).toBe(1);
    }
  });
});
