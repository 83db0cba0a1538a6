// Node runs WebAssembly, but @types/node 20 does not declare it (it lives in TypeScript's DOM lib,
// which a Node program should not load). Only what parascad uses is declared.
declare namespace WebAssembly {
  interface Module {
    readonly __brand: 'WebAssembly.Module';
  }
  interface Instance {
    readonly exports: Record<string, unknown>;
  }
  type Imports = Record<string, Record<string, unknown>>;
  function compile(bytes: Uint8Array): Promise<Module>;
  function instantiate(module: Module, imports?: Imports): Promise<Instance>;
}
