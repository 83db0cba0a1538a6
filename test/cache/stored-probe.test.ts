import { mkdtemp, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { storedProbe } from '../../src/cache/stored-probe.js';
import type { OpenScadCapabilities } from '../../src/engines/native/probe-openscad.js';

describe('storedProbe', () => {
  it('asks a binary once, and again only when the binary changed', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'parascad-probe-'));
    const binary = join(dir, 'openscad');
    await writeFile(binary, 'v1');
    const asked: string[] = [];
    const probe = (path: string): Promise<OpenScadCapabilities> => {
      asked.push(path);
      return Promise.resolve({ version: `v${asked.length}`, backendArgs: [], backend: 'cgal' });
    };
    const file = join(dir, 'probes.json');
    expect((await storedProbe(file, probe)(binary)).version).toBe('v1');
    expect((await storedProbe(file, probe)(binary)).version).toBe('v1');
    expect(asked).toHaveLength(1);
    const later = new Date(Date.now() + 60_000);
    await utimes(binary, later, later);
    expect((await storedProbe(file, probe)(binary)).version).toBe('v2');
    expect(asked).toHaveLength(2);
  });
});
