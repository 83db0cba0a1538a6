import type { EngineRun } from './engine.js';

/**
 * The run of a part an engine refuses before starting OpenSCAD, because it knows the part cannot
 * come out (a format this OpenSCAD cannot export, a PNG with no display): a fatal
 * `export-not-supported` diagnostic that says why and what to do, rather than a crash, a trap or
 * a missing file.
 */
export function refusedRun(message: string): EngineRun {
  return {
    exitCode: null,
    console: '',
    routes: [],
    seconds: 0,
    diagnostics: [{ severity: 'error', code: 'export-not-supported', message, fatal: true }],
  };
}
