import { basename, dirname, sep } from 'node:path';
import { pointAt, type Diagnostic, type SourceLocation } from '../diagnostics/diagnostic.js';
import { parseOpenScadOutput } from '../diagnostics/parse-openscad-output.js';
import { toHostPath, wasmScratchFolder } from '../engines/wasm/virtual-path.js';
import type { RenderJob } from '../plan/render-job.js';
import { readRegularFile } from '../util/read-regular-file.js';

/** What {@link locateDiagnostics} needs besides the part. */
export interface LocateContext {
  /** The part's own folder of generated files (the definitions with the module call). */
  readonly scratchDir: string;
  /** The files the part reads (its closure), searched for a missing `include`/`use`. */
  readonly inputFiles: readonly string[];
}

/**
 * OpenSCAD's messages about one part, each with a place in the user's files. OpenSCAD names the
 * generated files (the definitions with the module call, the use-mode program) in messages about
 * the module call; those are moved to the module's declaration, which is what the user can act on.
 * Messages OpenSCAD gives no line are placed where they come from: a missing `include`/`use` at
 * its statement (native 2021.01 gives no line; WASM 2025 does), an empty or wrong-dimension
 * result at the request for the format, anything else at the module's declaration.
 */
export async function locateDiagnostics(
  job: RenderJob,
  console: string,
  context: LocateContext,
): Promise<Diagnostic[]> {
  const generated = [`${context.scratchDir}${sep}`, `${wasmScratchFolder}/`];
  // OpenSCAD 2021 names files relative to its main file's folder: in use mode the generated
  // program's, in the scratch folder (2025 names them absolute); a parser error's file relative
  // to its working folder, the part's file's.
  const mainFolder =
    job.module !== undefined && job.mode === 'use' ? context.scratchDir : dirname(job.scadFile);
  const located: Diagnostic[] = [];
  const options = { baseDir: mainFolder, cwd: dirname(job.scadFile) };
  for (const diagnostic of parseOpenScadOutput(console, options)) {
    const location = diagnostic.location;
    if (location === undefined) {
      located.push(await placed(diagnostic, job, context));
      continue;
    }
    const file = inputNamed(toHostPath(location.file), job, context.inputFiles);
    if (generated.some((folder) => file.startsWith(folder))) {
      located.push({ ...diagnostic, location: pointAt(job.declaredAt) });
    } else {
      located.push(
        file === location.file ? diagnostic : { ...diagnostic, location: { ...location, file } },
      );
    }
  }
  return located;
}

/**
 * The part's input file a message names. OpenSCAD 2021 names a library file of some messages by
 * its bare name (`undefined operation … in file 2Dshapes.scad, line 135` for MCAD's file), which
 * resolves beside the main file, where there is no such file: the one input file whose path ends
 * with the name given is meant. Anything else is kept as it was resolved.
 */
function inputNamed(file: string, job: RenderJob, inputFiles: readonly string[]): string {
  if (file === job.scadFile || inputFiles.includes(file)) return file;
  const tail = `${sep}${basename(file)}`;
  const candidates = inputFiles.filter((input) => input.endsWith(tail));
  return candidates.length === 1 ? (candidates[0] ?? file) : file;
}

/** A place for a message OpenSCAD printed without one (echoes and unknown chatter stay as they are). */
async function placed(
  diagnostic: Diagnostic,
  job: RenderJob,
  context: LocateContext,
): Promise<Diagnostic> {
  if (diagnostic.severity === 'echo' || diagnostic.severity === 'info') return diagnostic;
  const location = await placeOf(diagnostic, job, context);
  return { ...diagnostic, location };
}

async function placeOf(
  diagnostic: Diagnostic,
  job: RenderJob,
  context: LocateContext,
): Promise<SourceLocation> {
  switch (diagnostic.code) {
    case 'missing-include':
    case 'missing-library': {
      // The last quoted name: `Can't open include file 'x.scad'.` has an apostrophe before it.
      const name = /'([^']+)'\.?\s*$/.exec(diagnostic.message)?.[1];
      const statement =
        name === undefined
          ? undefined
          : await findStatement(name, job.scadFile, context.inputFiles);
      return statement ?? pointAt(job.declaredAt);
    }
    case 'missing-import':
      return (
        (await findImportCall(diagnostic.message, job.scadFile, context.inputFiles)) ??
        pointAt(job.declaredAt)
      );
    case 'not-2d':
    case 'not-3d':
    case 'export-not-supported':
    case 'output-not-writable':
      return pointAt(job.requestedAt);
    default:
      return pointAt(job.declaredAt);
  }
}

/**
 * The call of `Can't open import file '/abs/x.stl', import() at line 5` (both OpenSCADs name the
 * line, not the file): the file resolves `import()` paths against its own folder, so it is the
 * part's file in the missing file's folder whose line holds an `import(`/`surface(` call.
 */
async function findImportCall(
  message: string,
  scadFile: string,
  inputFiles: readonly string[],
): Promise<SourceLocation | undefined> {
  const found = /'([^']+)', import\(\) at line (\d+)/.exec(message);
  if (found === null) return undefined;
  const [, missing = '', lineText = ''] = found;
  const folder = dirname(missing);
  const files = [scadFile, ...inputFiles.filter((file) => file !== scadFile)].filter(
    (file) => /\.scad$/i.test(file) && dirname(file) === folder,
  );
  for (const file of files) {
    const line = (await readText(file))?.split('\n')[Number(lineText) - 1];
    const call = line === undefined ? -1 : line.search(/\b(?:import|surface)\s*\(/);
    if (call !== -1) return { file, line: Number(lineText), column: call + 1 };
  }
  return undefined;
}

async function readText(file: string): Promise<string | undefined> {
  return readRegularFile(file).then(
    (bytes) => new TextDecoder('utf-8').decode(bytes),
    () => undefined,
  );
}

/** The first `include <name>` or `use <name>` outside a line comment in the part's files. */
async function findStatement(
  name: string,
  scadFile: string,
  inputFiles: readonly string[],
): Promise<SourceLocation | undefined> {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const statement = new RegExp(`\\b(?:include|use)\\s*<\\s*${escaped}\\s*>`);
  const files = [
    scadFile,
    ...inputFiles.filter((file) => file !== scadFile && /\.scad$/i.test(file)),
  ];
  for (const file of files) {
    const text = await readText(file);
    if (text === undefined) continue;
    const lines = text.split('\n');
    for (const [index, line] of lines.entries()) {
      const match = statement.exec(line);
      if (match === null) continue;
      const comment = line.indexOf('//');
      if (comment !== -1 && comment < match.index) continue;
      return { file, line: index + 1, column: match.index + 1 };
    }
  }
  return undefined;
}
