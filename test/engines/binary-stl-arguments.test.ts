import { describe, expect, it } from 'vitest';
import { binaryStlArguments } from '../../src/engines/binary-stl-arguments.js';

describe('binaryStlArguments', () => {
  it('asks OpenSCAD for binary STL when every output of the run is an STL', () => {
    expect(binaryStlArguments(true, ['stl'])).toEqual(['--export-format', 'binstl']);
  });

  it('asks for nothing when the run also exports another format, which the flag would change too', () => {
    expect(binaryStlArguments(true, ['stl', 'off'])).toEqual([]);
  });

  it('asks for nothing when the part keeps ASCII STL', () => {
    expect(binaryStlArguments(false, ['stl'])).toEqual([]);
  });
});
