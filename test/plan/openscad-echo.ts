import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ParamValue } from '../../src/config/project-config.js';

/**
 * An OpenSCAD expression that encodes a value so that its echo reads the same in every OpenSCAD
 * version: strings become their code points (echo escapes strings differently across versions),
 * booleans and undef become tags, lists recurse.
 */
export const encodeFunction = `function enc(x) = is_undef(x) ? "U" : is_bool(x) ? (x ? "T" : "F") : is_string(x) ? ["S", [for (c = x) ord(c)]] : is_list(x) ? ["L", [for (e = x) enc(e)]] : x;`;

/**
 * Runs the native `openscad` on `source` (written to a scad file in a temporary folder, with
 * `files` beside it) exporting an echo file, and returns the echo file's lines.
 */
export function openscadEcho(
  source: string,
  args: readonly string[] = [],
  files: Readonly<Record<string, string>> = {},
): string[] {
  const folder = mkdtempSync(join(tmpdir(), 'parascad-echo-'));
  try {
    writeFileSync(join(folder, 'main.scad'), source);
    for (const [name, text] of Object.entries(files)) writeFileSync(join(folder, name), text);
    const run = spawnSync('openscad', ['-o', 'out.echo', ...args, 'main.scad'], {
      cwd: folder,
      encoding: 'utf8',
      timeout: 60_000,
    });
    if (run.status !== 0) throw new Error(`openscad exited with ${run.status}: ${run.stderr}`);
    return readFileSync(join(folder, 'out.echo'), 'utf8').split('\n').filter(Boolean);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** The echo `enc(value)` gives, computed in JavaScript (numbers here must print exactly). */
export function expectedEncoding(value: ParamValue): string {
  if (value === null) return '"U"';
  if (typeof value === 'boolean') return value ? '"T"' : '"F"';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') {
    // OpenSCAD iterates a string by code point, as for…of does.
    const codes: number[] = [];
    for (const char of value) codes.push(char.codePointAt(0) ?? 0);
    return `["S", [${codes.join(', ')}]]`;
  }
  return `["L", [${value.map(expectedEncoding).join(', ')}]]`;
}
