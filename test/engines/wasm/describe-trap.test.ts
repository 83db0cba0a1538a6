import { describe, expect, it } from 'vitest';
import { describeTrap } from '../../../src/engines/wasm/describe-trap.js';

describe('describeTrap', () => {
  it.each(['memory access out of bounds', 'table index is out of bounds'])(
    'names deep recursion for a trap of %s',
    (message) => {
      const error = Object.assign(new Error(message), { name: 'RuntimeError' });
      expect(describeTrap(error, '')).toBe(
        `OpenSCAD (WASM) stopped with RuntimeError: ${message} (how this WASM build ends endless or very deep recursion)`,
      );
    },
  );

  it('names a CGAL error printed before the trap instead', () => {
    const error = Object.assign(new Error('memory access out of bounds'), { name: 'RuntimeError' });
    expect(describeTrap(error, 'ERROR: CGAL error in CGAL_Nef_polyhedron3(): x\n')).toBe(
      'OpenSCAD (WASM) stopped after a CGAL error: CGAL error in CGAL_Nef_polyhedron3(): x',
    );
  });
});
