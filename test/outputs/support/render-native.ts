import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Renders OpenSCAD source with the native `openscad` on PATH into a file named `output` (its suffix
 * picks the format) and returns the file's bytes. Files listed in `inputs` are written beside the
 * model first, for `import()`. Throws with OpenSCAD's messages when it fails.
 */
export function renderNative(
  source: string,
  output: string,
  options: { readonly args?: readonly string[]; readonly inputs?: Record<string, Uint8Array> } = {},
): Uint8Array {
  const folder = mkdtempSync(join(tmpdir(), 'parascad-outputs-'));
  try {
    for (const [name, bytes] of Object.entries(options.inputs ?? {})) {
      writeFileSync(join(folder, name), bytes);
    }
    writeFileSync(join(folder, 'model.scad'), source);
    const result = spawnSync('openscad', [...(options.args ?? []), '-o', output, 'model.scad'], {
      cwd: folder,
      encoding: 'utf8',
      timeout: 60_000,
    });
    if (result.status !== 0) {
      throw new Error(`openscad exited with ${result.status ?? result.signal}:\n${result.stderr}`);
    }
    return readFileSync(join(folder, output));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
