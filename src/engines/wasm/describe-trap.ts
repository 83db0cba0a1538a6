/**
 * What a trap means for the user. Measured here: endless recursion overflows this build's small
 * stack and ends in an out-of-bounds access, or in a bare thrown number (an uncaught C++ exception
 * of the overwritten runtime); which one depends on the memory layout, so the engine keeps its
 * command line the same length for every part (see `partInvocation`). A CGAL error printed before
 * the trap is named instead.
 */
export function describeTrap(error: unknown, console: string): string {
  // A failed CGAL assertion (the Nef formats, some imports) ends the same way, and is no recursion.
  // OpenSCAD's own `ERROR: CGAL error in …` names the operation; CGAL's bare line does not.
  const cgalError = (/^ERROR: (CGAL error .*)$/m.exec(console) ??
    /^(CGAL error.*)$/m.exec(console))?.[1];
  if (cgalError !== undefined) {
    return `OpenSCAD (WASM) stopped after a CGAL error: ${cgalError.trim()}`;
  }
  if (!(error instanceof Error)) {
    return `OpenSCAD (WASM) stopped with an uncaught internal exception (${String(error)}): how this WASM build ends endless or very deep recursion`;
  }
  const message = `${error.name}: ${error.message}`;
  const hint = /memory access out of bounds|table index is out of bounds|call stack/i.test(message)
    ? ' (how this WASM build ends endless or very deep recursion)'
    : '';
  return `OpenSCAD (WASM) stopped with ${message}${hint}`;
}
