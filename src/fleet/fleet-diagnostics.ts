import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { RenderJob } from '../plan/render-job.js';
import { declaredAtMarker } from './fleet-job.js';
import { hostInputPath } from './host-input-path.js';

/**
 * A worker's diagnostic with this machine's paths: files relative to the project root (or in a
 * library folder) become absolute again, and messages about the generated program point at the
 * part's declaration, as in a local render.
 */
export function hostDiagnostic(
  diagnostic: Diagnostic,
  job: RenderJob,
  root: string,
  libraryPaths: readonly string[],
): Diagnostic {
  const location = diagnostic.location;
  if (location === undefined) return diagnostic;
  if (location.file === declaredAtMarker) {
    return { ...diagnostic, location: { file: job.declaredAt.file, line: job.declaredAt.line } };
  }
  return {
    ...diagnostic,
    location: { ...location, file: hostInputPath(root, libraryPaths, location.file) },
  };
}
