import { readFileSync } from 'node:fs';

/** The OpenSCAD release a fixture was captured from: native 2021.01 or WASM 2025.01. */
export type OpenScadVersion = '2021' | '2025';

/** Working directory of the native 2021.01 captures; it shows in their parser-error paths. */
export const nativeCaptureCwd = '/tmp/pcap';

/** Reads `test/fixtures/openscad-output/<name>.<version>.txt` exactly as OpenSCAD printed it. */
export function readOpenScadFixture(name: string, version: OpenScadVersion): string {
  return readFileSync(
    new URL(`../fixtures/openscad-output/${name}.${version}.txt`, import.meta.url),
    'utf8',
  );
}

/** The main file's folder in the capture of a case (see the fixtures' README). */
export function captureBaseDir(name: string, version: OpenScadVersion): string {
  return version === '2021' ? `/tmp/parascad-cases/${name}` : '/project';
}
