/**
 * fontconfig's choice of a font for a family it does not have, as its usual configuration makes it
 * (`30-metric-aliases.conf`, `49-sansserif.conf`, `60-latin.conf` of fontconfig 2.14), so that the
 * WASM engine picks the font the native OpenSCAD picks: OpenSCAD's default font is
 * "Liberation Sans", which a machine without it replaces by a metric-compatible font or else by
 * its preferred sans-serif (DejaVu Sans on Debian).
 */
const familyRules = `  <alias binding="same">
    <family>Liberation Sans</family>
    <accept>${families('Arimo', 'Albany AMT', 'Albany', 'Arial', 'Helvetica')}</accept>
    <default><family>sans-serif</family></default>
  </alias>
  <alias binding="same">
    <family>Liberation Serif</family>
    <accept>${families('Tinos', 'Thorndale AMT', 'Thorndale', 'Times New Roman', 'Times')}</accept>
    <default><family>serif</family></default>
  </alias>
  <alias binding="same">
    <family>Liberation Mono</family>
    <accept>${families('Cousine', 'Cumberland AMT', 'Cumberland', 'Courier New', 'Courier')}</accept>
    <default><family>monospace</family></default>
  </alias>
  <match target="pattern">
    <test qual="all" name="family" compare="not_eq"><string>sans-serif</string></test>
    <test qual="all" name="family" compare="not_eq"><string>serif</string></test>
    <test qual="all" name="family" compare="not_eq"><string>monospace</string></test>
    <edit name="family" mode="append_last"><string>sans-serif</string></edit>
  </match>
  <alias>
    <family>sans-serif</family>
    <prefer>${families('Noto Sans', 'DejaVu Sans', 'Verdana', 'Arial', 'Albany AMT', 'Luxi Sans', 'Nimbus Sans L', 'Nimbus Sans', 'Helvetica', 'Lucida Sans Unicode', 'BPG Glaho International', 'Tahoma')}</prefer>
  </alias>
  <alias>
    <family>serif</family>
    <prefer>${families('Noto Serif', 'DejaVu Serif', 'Times New Roman', 'Thorndale AMT', 'Luxi Serif', 'Nimbus Roman No9 L', 'Nimbus Roman', 'Times')}</prefer>
  </alias>
  <alias>
    <family>monospace</family>
    <prefer>${families('Noto Sans Mono', 'DejaVu Sans Mono', 'Inconsolata', 'Andale Mono', 'Courier New', 'Cumberland AMT', 'Luxi Mono', 'Nimbus Mono L', 'Nimbus Mono', 'Nimbus Mono PS', 'Courier')}</prefer>
  </alias>`;

/**
 * The `fonts.conf` the WASM engine gives fontconfig, which has no configuration of its own in that
 * build: the host's font folders (at their paths in the engine's file system), a cache folder, and
 * the usual rules for a family that is not installed.
 *
 * @param folders font folders as the engine's file system names them.
 * @param cacheFolder where fontconfig may write its cache (in memory: it lasts one render).
 */
export function fontconfigConfig(folders: readonly string[], cacheFolder: string): string {
  return [
    '<?xml version="1.0"?>',
    '<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">',
    '<!-- Written by parascad for the WASM OpenSCAD: the fonts of this machine. -->',
    '<fontconfig>',
    ...folders.map((folder) => `  <dir>${escapeXml(folder)}</dir>`),
    `  <cachedir>${escapeXml(cacheFolder)}</cachedir>`,
    familyRules,
    '</fontconfig>',
    '',
  ].join('\n');
}

function families(...names: string[]): string {
  return names.map((name) => `<family>${name}</family>`).join('');
}

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}
