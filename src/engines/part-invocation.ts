import { join } from 'node:path';
import type { EngineProgram } from './engine.js';

/** The files an engine writes for one part, and how it starts OpenSCAD on them. */
export interface PartInvocation {
  /** OpenSCAD's main file (host path): the user's file, or the generated use-mode program. */
  readonly main: string;
  /** Generated files to write first (host paths), all inside the part's scratch folder. */
  readonly files: readonly { readonly path: string; readonly text: string }[];
  /** `-D` arguments: one `include` of the generated definitions, or none. */
  readonly defineArgs: readonly string[];
}

/**
 * Turns a part's program into files in its scratch folder — never beside the user's file, whose
 * folder may be read-only or not the user's to write — and OpenSCAD arguments.
 *
 * The definitions go into a file that one short `-D include <…>` appends: OpenSCAD appends `-D`
 * text to the main file and to every file it uses, and an `include` is textual, so the semantics
 * are those of `-D` while the command line stays short (long values broke both engines: `spawn
 * E2BIG` natively, and the WASM engine, which copies its arguments onto its small stack, trapped).
 *
 * @param inEngine maps a host path to the path the engine sees it at (the WASM file system).
 * @param wrapMain run a generated main program that includes the user's file even in include mode
 *   (the WASM engine: its command line is then the same for every part; OpenSCAD 2025 resolves
 *   `import()` against the file that calls it, so the wrapper changes no path — not so 2021).
 */
export function partInvocation(
  program: EngineProgram,
  scratchDir: string,
  inEngine: (hostPath: string) => string = (path) => path,
  wrapMain = false,
): PartInvocation {
  const files: { path: string; text: string }[] = [];
  const defineArgs: string[] = [];
  if (program.defines.length > 0) {
    const path = join(scratchDir, 'definitions.scad');
    files.push({ path, text: program.defines.map((statement) => `${statement};\n`).join('') });
    defineArgs.push('-D', `include <${inEngine(path)}>`);
  }
  if (program.useCall === undefined && !wrapMain) return { main: program.file, files, defineArgs };
  if (program.useCall === undefined) {
    const main = join(scratchDir, 'part.scad');
    files.push({ path: main, text: `include <${inEngine(program.file)}>\n` });
    return { main, files, defineArgs };
  }
  const main = join(scratchDir, 'part.scad');
  files.push({ path: main, text: `use <${inEngine(program.file)}>\n${program.useCall};\n` });
  return { main, files, defineArgs };
}
