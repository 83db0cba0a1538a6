import { resolve } from 'node:path';

/** An evaluated tree made ready for another OpenSCAD to build, and the files it reads. */
export interface PreparedCsg {
  readonly text: string;
  /** Absolute paths of the files its `import()` and `surface()` calls read, each once. */
  readonly files: readonly string[];
}

// `import(file = "…"` / `surface(file = "…"`: OpenSCAD writes `file` first, as a C-quoted string.
const fileArgument = /\b(import|surface)\(file = "((?:[^"\\]|\\.)*)"/g;
// 2021.01 writes the file's modification time as an argument 2025.01 no longer takes (it warns
// `variable "timestamp" not specified as parameter` for every call).
const timestampArgument = /, timestamp = -?\d+\)/g;

/**
 * Turns the `.csg` a native OpenSCAD exported into a program the WASM OpenSCAD builds the same
 * way from another folder. OpenSCAD 2021.01 writes the files of `import()` and `surface()` relative
 * to the folder of the main file it ran (the document), whichever file called them; the WASM
 * engine reads the `.csg` from the part's scratch folder, where those names would lead nowhere,
 * so they become absolute. Everything else (`$fn`/`$fa`/`$fs`, `text()` calls with their fonts'
 * names, numbers rounded to six significant digits by 2021.01) stays as exported.
 *
 * @param documentDir the folder of the main file the native OpenSCAD ran.
 */
export function prepareCsg(csg: string, documentDir: string): PreparedCsg {
  const files = new Set<string>();
  const text = csg
    .replace(fileArgument, (_whole, call: string, quoted: string) => {
      const file = resolve(documentDir, unquote(quoted));
      files.add(file);
      return `${call}(file = ${JSON.stringify(file)}`;
    })
    .replace(timestampArgument, ')');
  return { text, files: [...files] };
}

/** OpenSCAD's string escapes (`\"`, `\\`, `\n`, `\t`, `\r`) back to the characters. */
function unquote(quoted: string): string {
  return quoted.replace(/\\(.)/g, (_whole, character: string) => {
    switch (character) {
      case 'n':
        return '\n';
      case 't':
        return '\t';
      case 'r':
        return '\r';
      default:
        return character;
    }
  });
}
