import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FontUseDetector } from '../../../src/engines/wasm/font-use-detector.js';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'parascad-font-use-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function scad(name: string, source: string): Promise<string> {
  const path = join(folder, name);
  await writeFile(path, source);
  return path;
}

describe('FontUseDetector', () => {
  it('finds text() in a file the part uses, and ignores files that are not OpenSCAD source', async () => {
    const main = await scad('main.scad', 'use <labels.scad>\ncube(1);\n');
    const labels = await scad('labels.scad', 'module label() text("x");\n');
    const font = await scad('Font.ttf', 'text("this is not source")');
    const detector = new FontUseDetector();
    expect(await detector.mayUseFonts([main, font])).toBe(false);
    expect(await detector.mayUseFonts([main, labels, font])).toBe(true);
  });

  it('finds text() in a generated program that is not on disk', async () => {
    const main = await scad('main.scad', 'cube(1);\n');
    const detector = new FontUseDetector();
    expect(await detector.mayUseFonts([main], 'include <main.scad>\ntext("x");\n')).toBe(true);
    expect(await detector.mayUseFonts([main], 'include <main.scad>\ncube(2);\n')).toBe(false);
  });

  it('reads a file again once it changed, and passes over one that vanished', async () => {
    const main = await scad('main.scad', 'cube(1);\n');
    const detector = new FontUseDetector();
    expect(await detector.mayUseFonts([main])).toBe(false);
    await writeFile(main, 'text("now with text");\n');
    await utimes(main, new Date(), new Date(Date.now() + 5000));
    expect(await detector.mayUseFonts([main])).toBe(true);
    expect(await detector.mayUseFonts([join(folder, 'gone.scad')])).toBe(false);
  });
});
