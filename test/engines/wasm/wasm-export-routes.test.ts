import { describe, expect, it } from 'vitest';
import {
  wasmExportBlocker,
  wasmExportRoute,
} from '../../../src/engines/wasm/wasm-export-routes.js';
import { exportSuffixes } from '../../../src/plan/export-formats.js';

describe('wasmExportRoute', () => {
  it('converts 3mf from OFF and pdf from SVG, and asks OpenSCAD for every other format as it is', () => {
    const routes = Object.fromEntries(
      exportSuffixes().map((format) => [format, wasmExportRoute(format).exportAs]),
    );
    expect(routes).toEqual({
      ...Object.fromEntries(exportSuffixes().map((format) => [format, format])),
      '3mf': 'off',
      pdf: 'svg',
    });
    expect(wasmExportRoute('3mf').note).toMatch(/traps on 3MF export/);
    expect(wasmExportRoute('pdf').note).toMatch(/has no PDF export/);
  });
});

describe('wasmExportBlocker', () => {
  it('refuses png only, pointing to the native engine', () => {
    const blocked = exportSuffixes().filter((format) => wasmExportBlocker(format) !== undefined);
    expect(blocked).toEqual(['png']);
    expect(wasmExportBlocker('png')).toMatch(/has no OpenGL.*render png with --engine native$/);
  });
});
