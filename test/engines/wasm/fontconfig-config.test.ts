import { describe, expect, it } from 'vitest';
import { fontconfigConfig } from '../../../src/engines/wasm/fontconfig-config.js';

describe('fontconfigConfig', () => {
  it('lists each font folder and the cache folder, escaped for XML', () => {
    const config = fontconfigConfig(
      ['/usr/share/fonts', '/home/a&b/<fonts>'],
      '/parascad-fontconfig/cache',
    );
    expect(config).toMatch(/^<\?xml version="1.0"\?>\n<!DOCTYPE fontconfig /);
    expect([...config.matchAll(/<dir>(.*?)<\/dir>/g)].map((match) => match[1])).toEqual([
      '/usr/share/fonts',
      '/home/a&amp;b/&lt;fonts&gt;',
    ]);
    expect(config).toContain('<cachedir>/parascad-fontconfig/cache</cachedir>');
    expect(config.trimEnd()).toMatch(/<\/fontconfig>$/);
  });

  it("stands in for OpenSCAD's default font the way fontconfig's usual rules do", () => {
    const config = fontconfigConfig([], '/cache');
    // Liberation Sans, else a metric-compatible font, else the preferred sans-serif.
    expect(config).toMatch(
      /<family>Liberation Sans<\/family>\s*<accept><family>Arimo<\/family>[\s\S]*?<default><family>sans-serif<\/family><\/default>/,
    );
    expect(config).toMatch(
      /<family>sans-serif<\/family>\s*<prefer><family>Noto Sans<\/family><family>DejaVu Sans<\/family>/,
    );
    // Any family that is not installed ends with sans-serif, as fontconfig's 49-sansserif.conf does.
    expect(config).toContain('<edit name="family" mode="append_last"><string>sans-serif</string>');
  });
});
