import type { Diagnostic } from './diagnostic.js';

/**
 * The messages of one evaluation of a part rendered to several formats at once. Both OpenSCADs
 * evaluate the program again for each `-o` (only the geometry cache is shared), so every warning
 * and echo came once per format: twice the warnings under `--strict` for a part with `stl` and
 * `3mf`. When the messages are the same sequence repeated once per export (k = the exports, down
 * to 2), one copy is kept; messages that differ between the passes are all kept.
 */
export function oncePerExport(diagnostics: readonly Diagnostic[], exports: number): Diagnostic[] {
  const keys = diagnostics.map((diagnostic) =>
    JSON.stringify([diagnostic.severity, diagnostic.message, diagnostic.location]),
  );
  for (let passes = exports; passes >= 2; passes -= 1) {
    if (keys.length === 0 || keys.length % passes !== 0) continue;
    const period = keys.length / passes;
    if (keys.every((key, index) => key === keys[index % period])) {
      return diagnostics.slice(0, period);
    }
  }
  return [...diagnostics];
}
