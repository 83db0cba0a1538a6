import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  chooseBackend,
  exportFormatsFromHelp,
} from '../../../src/engines/native/probe-openscad.js';

const help = (version: string): string =>
  readFileSync(new URL(`../../fixtures/openscad-help/${version}.txt`, import.meta.url), 'utf8');

describe('chooseBackend', () => {
  it('uses CGAL on OpenSCAD 2021.01, which has neither --backend nor Manifold', () => {
    expect(chooseBackend(help('2021.01'))).toEqual({ backendArgs: [], backend: 'cgal' });
  });

  it('passes --backend=manifold to 2025 builds, which offer the flag', () => {
    expect(chooseBackend(help('2025.01'))).toEqual({
      backendArgs: ['--backend=manifold'],
      backend: 'manifold',
    });
  });

  it('enables Manifold as an experimental feature on 2023–24 snapshots that list it under --enable', () => {
    const snapshotHelp = [
      "  --enable arg                      enable experimental features (specify 'all'",
      '                                    for enabling all available features): roof ',
      '                                    | input-driver-dbus | lazy-union | manifold |',
      '                                    vertex-object-renderers-indexing',
      '  -h [ --help ]                     print this help message and exit',
    ].join('\n');
    expect(chooseBackend(snapshotHelp)).toEqual({
      backendArgs: ['--enable=manifold'],
      backend: 'manifold',
    });
  });

  it('does not mistake Manifold mentioned outside --enable for the experimental feature', () => {
    const text =
      '  --enable arg   enable experimental features: roof | lazy-union\n  --info   built with manifold 2.4\n';
    expect(chooseBackend(text).backend).toBe('cgal');
  });
});

describe('exportFormatsFromHelp', () => {
  it('reads the formats OpenSCAD 2021.01 lists for -o: no wrl, no obj', () => {
    expect(exportFormatsFromHelp(help('2021.01'))).toEqual([
      'stl',
      'off',
      'amf',
      '3mf',
      'csg',
      'dxf',
      'svg',
      'pdf',
      'png',
      'echo',
      'ast',
      'term',
      'nef3',
      'nefdbg',
    ]);
  });

  it('adds obj to the formats of 2025.01, which exports it without listing it', () => {
    expect(exportFormatsFromHelp(help('2025.01'))).toEqual([
      'stl',
      'off',
      'wrl',
      'amf',
      '3mf',
      'csg',
      'dxf',
      'svg',
      'pdf',
      'png',
      'echo',
      'ast',
      'term',
      'nef3',
      'nefdbg',
      'obj',
    ]);
  });

  it("reads newer builds' wording, which ends the list with a full stop", () => {
    const newer =
      '  -o [ --o ] arg   output specified file instead of running the GUI. The file extension\n' +
      '                   specifies the type: stl, off, wrl, amf, 3mf, csg, dxf, svg, pdf, png,\n' +
      '                   echo, ast, nef3, nefdbg, param, pov. May be used multiple times\n';
    expect(exportFormatsFromHelp(newer)).toEqual([
      ...['stl', 'off', 'wrl', 'amf', '3mf', 'csg', 'dxf', 'svg', 'pdf', 'png'],
      ...['echo', 'ast', 'nef3', 'nefdbg', 'param', 'pov', 'obj'],
    ]);
  });

  it('knows nothing when the help lists no formats, so that nothing is refused', () => {
    expect(exportFormatsFromHelp('Usage: openscad [options] file.scad\n')).toBeUndefined();
  });
});
