import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { oncePerExport } from '../../src/diagnostics/once-per-export.js';

const warning = (message: string, line = 1): Diagnostic => ({
  severity: 'warning',
  message,
  location: { file: '/p/d.scad', line },
  fatal: false,
});
const echo: Diagnostic = { severity: 'echo', message: '"hi"', fatal: false };

describe('oncePerExport', () => {
  it('keeps one copy of the messages each export repeated', () => {
    const pass = [warning('unknown variable'), warning('undefined operation'), echo];
    expect(oncePerExport([...pass, ...pass], 2)).toEqual(pass);
    expect(oncePerExport([...pass, ...pass, ...pass], 3)).toEqual(pass);
    // Two of three exports printed the pass (the third exported something without evaluating).
    expect(oncePerExport([...pass, ...pass], 3)).toEqual(pass);
  });

  it('keeps messages that differ between the passes, and those of a single export', () => {
    const differing = [warning('a'), warning('b'), warning('a'), warning('c')];
    expect(oncePerExport(differing, 2)).toEqual(differing);
    const loop = [warning('same', 4), warning('same', 4)];
    expect(oncePerExport(loop, 1)).toEqual(loop);
  });
});
