import { describe, expect, it } from 'vitest';
import { parseDependencyFile } from '../../src/engines/parse-dependency-file.js';

describe('parseDependencyFile', () => {
  it('reads what native OpenSCAD 2021.01 writes, escaped spaces and a relative main file included', () => {
    const text =
      'out.stl: \\\n\t/tmp/cdep/sub/p.stl \\\n\t/usr/share/openscad/libraries/MCAD/units.scad \\\n\t/tmp/cdep/with\\ space/x.scad \\\n\tmain.scad\n';
    expect(parseDependencyFile(text, '/tmp/cdep')).toEqual([
      '/tmp/cdep/sub/p.stl',
      '/usr/share/openscad/libraries/MCAD/units.scad',
      '/tmp/cdep/with space/x.scad',
      '/tmp/cdep/main.scad',
    ]);
  });

  it("normalises the WASM build's unnormalised paths", () => {
    const text = '/out.stl: \\\n\t/tmp/cdep/sub/../with\\ space/x.scad \\\n\t/tmp/cdep/main.scad\n';
    expect(parseDependencyFile(text, '/')).toEqual([
      '/tmp/cdep/with space/x.scad',
      '/tmp/cdep/main.scad',
    ]);
  });

  it('answers nothing for an empty or broken file', () => {
    expect(parseDependencyFile('', '/')).toEqual([]);
    expect(parseDependencyFile('garbage', '/')).toEqual([]);
  });
});
