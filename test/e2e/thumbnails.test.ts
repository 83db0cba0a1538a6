import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterEach, describe, expect, it } from 'vitest';
import { copyFixture } from '../support/copy-fixture.js';
import { runCli, stopStartedClis } from '../support/run-cli.js';

afterEach(stopStartedClis);

/** How many pixels of a PNG file have anything drawn in them. */
function drawnPixels(file: Uint8Array): { size: number; drawn: number } {
  const png = PNG.sync.read(Buffer.from(file));
  let drawn = 0;
  for (let at = 3; at < png.data.length; at += 4) if ((png.data[at] ?? 0) > 0) drawn += 1;
  return { size: png.width, drawn };
}

describe('render --thumbnails', () => {
  it('writes a PNG picture beside each 3D and 2D output, with nothing left half-written', async () => {
    const project = await copyFixture('e2e-kit');
    const run = await runCli(
      ['render', 'disc', 'block', 'plate', '--engine', 'wasm', '--thumbnails'],
      project,
    );
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const outputs = join(project, 'outputs');
    const files = (await readdir(outputs)).sort();
    expect(files).toEqual([
      'block.off',
      'block.off.png',
      'block.stl',
      'block.stl.png',
      'disc.stl',
      'disc.stl.png',
      'plate.dxf',
      'plate.dxf.png',
      'plate.svg',
      'plate.svg.png',
    ]);
    for (const name of files.filter((file) => file.endsWith('.png'))) {
      const { size, drawn } = drawnPixels(await readFile(join(outputs, name)));
      expect(size, name).toBe(256);
      expect(drawn, name).toBeGreaterThan(0.2 * size * size);
    }
    // A cylinder and a cube do not look alike.
    expect(await readFile(join(outputs, 'disc.stl.png'))).not.toEqual(
      await readFile(join(outputs, 'block.stl.png')),
    );
  });

  it('writes thumbnails for parts the cache answers too', async () => {
    const project = await copyFixture('e2e-kit');
    const first = await runCli(['render', 'disc', '--engine', 'wasm'], project);
    expect(first.code, first.stdout + first.stderr).toBe(0);
    const cached = await runCli(['render', 'disc', '--engine', 'wasm', '--thumbnails'], project);
    expect(cached.code, cached.stdout + cached.stderr).toBe(0);
    expect(cached.stdout).toMatch(/cached/);
    const { drawn } = drawnPixels(await readFile(join(project, 'outputs', 'disc.stl.png')));
    expect(drawn).toBeGreaterThan(0);
  });

  it('keeps a picture its output still matches, and removes it once a run without --thumbnails writes the output anew', async () => {
    const project = await copyFixture('e2e-kit');
    const args = ['render', 'disc', '--engine', 'wasm'];
    expect((await runCli([...args, '--thumbnails'], project)).code).toBe(0);
    const picture = join(project, 'outputs', 'disc.stl.png');
    const drawn = await readFile(picture);
    // From the cache, with the bytes already in place: the picture still shows the part.
    expect((await runCli(args, project)).code).toBe(0);
    expect(await readFile(picture)).toEqual(drawn);
    const scad = join(project, 'project.scad');
    const text = await readFile(scad, 'utf8');
    await writeFile(scad, text.replace('cylinder(r = 10, h = 2)', 'cylinder(r = 10, h = 9)'));
    const edited = await runCli(args, project);
    expect(edited.code, edited.stderr).toBe(0);
    expect((await readdir(join(project, 'outputs'))).sort()).toEqual(['disc.stl']);
  });

  it('refuses, before rendering, a thumbnail that would take the path of another output', async () => {
    const project = await copyFixture('e2e-kit');
    await writeFile(
      join(project, 'parascad.config.yaml'),
      [
        'files:',
        '  - path: project.scad',
        '    modules: [disc]',
        "    output: 'disc.{format}'",
        '  - path: project.scad',
        '    modules: [block]',
        '    formats: [png]',
        "    output: 'disc.stl.{format}'",
        '',
      ].join('\n'),
    );
    const run = await runCli(['render', '--engine', 'wasm', '--thumbnails'], project);
    expect(run.code, run.stdout + run.stderr).not.toBe(0);
    expect(run.stderr + run.stdout).toMatch(
      /disc \(project\.scad\) as thumbnail and block \(project\.scad\) would both write outputs\/disc\.stl\.png/,
    );
    await expect(readdir(join(project, 'outputs'))).rejects.toThrow();
    // Without thumbnails the two outputs do not meet.
    const plain = await runCli(['render', 'disc', '--engine', 'wasm'], project);
    expect(plain.code, plain.stdout + plain.stderr).toBe(0);
  });
});
