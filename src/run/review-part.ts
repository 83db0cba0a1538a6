import { basename } from 'node:path';
import { pointAt, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { ConfigProblem } from '../errors.js';
import type { PartResult } from './part-result.js';

/** Options of {@link reviewPart}. */
export interface ReviewOptions {
  /**
   * Fail a rendered part that has warnings (OpenSCAD's or parascad's) or a mesh that is not a
   * closed two-manifold, for CI.
   * @default false
   */
  readonly strict?: boolean;
  /** Warnings found about the part while planning: they count under `strict` too. */
  readonly plannedWarnings?: readonly ConfigProblem[];
}

/**
 * Looks at a rendered part's facts: a 3D output whose mesh is not closed (open or non-manifold
 * edges), or is closed but inside out (a negative volume), is reported as a warning at the part's
 * declaration, so no reporter can miss it; under `strict`, a part with any warning fails (its
 * complete outputs stay written, as they are what the model renders now).
 */
export function reviewPart(result: PartResult, options: ReviewOptions = {}): PartResult {
  if (result.status !== 'ok') return result;
  const meshWarnings = result.outputs.flatMap((output): Diagnostic[] => {
    const facts = output.facts;
    if (facts?.kind !== '3d') return [];
    const problem = !facts.closed
      ? `the mesh is not closed (${facts.openEdges} open edges, ${facts.nonManifoldEdges} non-manifold edges)`
      : facts.volume < 0
        ? // Only a polyhedron() can come out so: OpenSCAD's own operations face outwards.
          `the mesh is inside out (volume ${Number(facts.volume.toPrecision(6))} mm³): its faces point inwards, as a polyhedron() whose faces list their points counter-clockwise seen from outside comes out`
        : undefined;
    if (problem === undefined) return [];
    return [
      {
        severity: 'warning',
        message: `${basename(output.path)}: ${problem}`,
        location: pointAt(result.job.declaredAt),
        fatal: false,
      },
    ];
  });
  const diagnostics = [...result.diagnostics, ...meshWarnings];
  const reviewed = meshWarnings.length === 0 ? result : { ...result, diagnostics };
  if (options.strict !== true) return reviewed;
  const warnings = [
    ...(options.plannedWarnings ?? []).map((problem): Diagnostic => ({
      severity: 'warning',
      message: problem.message,
      ...(problem.location === undefined ? {} : { location: pointAt(problem.location) }),
      fatal: false,
    })),
    ...diagnostics.filter((diagnostic) => diagnostic.severity === 'warning'),
  ];
  const [first] = warnings;
  if (first === undefined) return reviewed;
  return {
    ...reviewed,
    status: 'failed',
    failure: { kind: 'strict', warnings: warnings.length, first },
  };
}
