import { describe, expect, it } from 'vitest';
import type { NativeResolution } from '../../src/engines/resolve-native.js';
import { choosePartEngine } from '../../src/run/start-engines.js';

const native2021: NativeResolution = {
  warnings: [],
  native: {
    binary: '/usr/bin/openscad',
    capabilities: {
      version: '2021.01',
      backend: 'cgal',
      backendArgs: [],
      exportFormats: [
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
      ],
    },
    info: { id: 'native', version: '2021.01', backend: 'cgal', source: '/usr/bin/openscad' },
  },
};

describe('choosePartEngine', () => {
  it('sends a part to the only engine that exports all its formats under auto', () => {
    expect(choosePartEngine('auto', native2021, undefined, ['stl', 'obj'])).toEqual({
      engine: 'wasm',
      reason: 'native OpenSCAD 2021.01 cannot export obj',
    });
    expect(choosePartEngine('auto', native2021, undefined, ['png'])).toEqual({
      engine: 'native',
      reason: 'the WASM OpenSCAD cannot export png',
    });
  });

  it('follows the auto rule when both engines can export the formats', () => {
    expect(choosePartEngine('auto', native2021, undefined, ['stl']).engine).toBe('wasm');
  });

  it('keeps the engine the user forced, whatever the formats', () => {
    expect(choosePartEngine('native', native2021, undefined, ['obj']).engine).toBe('native');
    expect(choosePartEngine('wasm', native2021, undefined, ['png']).engine).toBe('wasm');
  });
});
