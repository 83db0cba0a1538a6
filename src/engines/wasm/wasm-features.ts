/**
 * The experimental features of OpenSCAD 2025 the WASM engine turns on (`--enable=…`): those that
 * only add functions and modules — `textmetrics()`/`fontmetrics()`, `roof()`, `import()` as a
 * function of data files — so that a model written for them renders instead of failing quietly
 * (an unknown function is `undef` and a warning: `cube([m.size.x, …])` came out a dummy cube,
 * reported ok). Features that change what existing code renders (`lazy-union`,
 * `predictible-output`) stay off, as in OpenSCAD's own defaults. Part of the WASM part key.
 */
export const wasmFeatures: readonly string[] = ['textmetrics', 'roof', 'import-function'];

/** The command-line arguments that turn {@link wasmFeatures} on. */
export function wasmFeatureArguments(): string[] {
  return wasmFeatures.map((feature) => `--enable=${feature}`);
}
