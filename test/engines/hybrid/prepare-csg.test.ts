import { describe, expect, it } from 'vitest';
import { prepareCsg } from '../../../src/engines/hybrid/prepare-csg.js';

describe('prepareCsg', () => {
  it("makes import() and surface() files absolute from the main file's folder, once each", () => {
    const csg = [
      'group() {',
      '\timport(file = "lib/data/cube.stl", layer = "", origin = [0, 0], scale = 1, convexity = 1, $fn = 0, $fa = 12, $fs = 2, timestamp = 1796235575);',
      '\tsurface(file = "lib/data/s.dat", center = false, invert = false, timestamp = 1796235575);',
      '\timport(file = "lib/data/cube.stl", layer = "", origin = [0, 0], scale = 1, convexity = 1, $fn = 0, $fa = 12, $fs = 2, timestamp = 1796235575);',
      '}',
    ].join('\n');
    const prepared = prepareCsg(csg, '/home/me/project');
    expect(prepared.files).toEqual([
      '/home/me/project/lib/data/cube.stl',
      '/home/me/project/lib/data/s.dat',
    ]);
    expect(prepared.text).toContain('import(file = "/home/me/project/lib/data/cube.stl", layer');
    expect(prepared.text).toContain(
      'surface(file = "/home/me/project/lib/data/s.dat", center = false, invert = false);',
    );
    expect(prepared.text).not.toContain('timestamp');
  });

  it('resolves names that lead out of the folder, and keeps quotes in names', () => {
    const prepared = prepareCsg('import(file = "../shared/a \\"b\\".stl", convexity = 1);', '/p/q');
    expect(prepared.files).toEqual(['/p/shared/a "b".stl']);
    expect(prepared.text).toBe('import(file = "/p/shared/a \\"b\\".stl", convexity = 1);');
  });

  it('leaves text() and everything else as exported', () => {
    const text =
      'text(text = "Hi", size = 5, spacing = 1, font = "", direction = "ltr", language = "en", script = "Latn", halign = "left", valign = "baseline", $fn = 0, $fa = 12, $fs = 2);';
    expect(prepareCsg(text, '/p')).toEqual({ text, files: [] });
  });
});
