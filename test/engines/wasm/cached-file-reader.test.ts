import { mkdtemp, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CachedFileReader } from '../../../src/engines/wasm/cached-file-reader.js';

const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString('utf8');

describe('CachedFileReader', () => {
  it('reads a library file from disk once for all the parts of a batch', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'parascad-cache-')), 'lib.scad');
    const time = new Date('2026-01-01T00:00:00Z');
    await writeFile(file, 'module a() {}');
    await utimes(file, time, time);
    const reader = new CachedFileReader();
    expect(text(await reader.read(file))).toBe('module a() {}');
    // Same size and time on disk, other bytes: only a second read from disk could see them.
    await writeFile(file, 'module b() {}');
    await utimes(file, time, time);
    expect(text(await reader.read(file))).toBe('module a() {}');
  });

  it('reads a file again when it changed', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'parascad-cache-')), 'part.scad');
    await writeFile(file, 'cube(1);');
    const reader = new CachedFileReader();
    await reader.read(file);
    await writeFile(file, 'cube(22);');
    expect(text(await reader.read(file))).toBe('cube(22);');
  });

  it('starts over instead of growing past its budget', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'parascad-cache-'));
    const reader = new CachedFileReader(10);
    for (const name of ['a', 'b', 'c']) await writeFile(join(folder, name), '12345678');
    for (const name of ['a', 'b', 'c'])
      expect(text(await reader.read(join(folder, name)))).toBe('12345678');
  });
});
