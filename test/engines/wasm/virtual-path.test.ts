import { describe, expect, it } from 'vitest';
import { toHostPath, toVirtualPath } from '../../../src/engines/wasm/virtual-path.js';

describe('virtual paths of the WASM file system', () => {
  it('keeps POSIX paths as they are, so messages name the real files', () => {
    expect(toVirtualPath('/home/me/parts/gear.scad', 'linux')).toBe('/home/me/parts/gear.scad');
    expect(toHostPath('/home/me/parts/gear.scad', 'darwin')).toBe('/home/me/parts/gear.scad');
  });

  it('turns Windows drives into top-level folders and back', () => {
    const virtual = toVirtualPath('C:\\Users\\me\\gear.scad', 'win32');
    expect(virtual).toBe('/C/Users/me/gear.scad');
    expect(toHostPath(virtual, 'win32')).toBe('C:\\Users\\me\\gear.scad');
  });
});
