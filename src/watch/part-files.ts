import type { PartInputs } from '../run/collect-part-inputs.js';
import type { PartResult } from '../run/part-result.js';
import type { RenderJob } from '../plan/render-job.js';

/**
 * Which files each part reads, as the runs found out: the closure collected before a run (includes,
 * uses, imports, library files, the files a computed `import()` may name, and the paths where a
 * missing file would be found) plus the files OpenSCAD said it opened (its `-d` record).
 */
export class PartFiles {
  private readonly inputs = new Map<string, PartInputs>();
  private readonly opened = new Map<string, readonly string[]>();

  /** A run's collected inputs, by scad file; they replace what an earlier run collected. */
  addInputs(inputs: ReadonlyMap<string, PartInputs>): void {
    for (const [scadFile, found] of inputs) this.inputs.set(scadFile, found);
  }

  /** A part's result: the files OpenSCAD opened, when it said. */
  addResult(result: PartResult): void {
    if (result.dependencies !== undefined) this.opened.set(result.job.id, result.dependencies);
  }

  /** Every file the part is known to read, or to look for. */
  of(job: RenderJob): Set<string> {
    const inputs = this.inputs.get(job.scadFile);
    return new Set([
      job.scadFile,
      ...(inputs?.files ?? []),
      ...(inputs?.absent ?? []),
      ...(this.opened.get(job.id) ?? []),
    ]);
  }

  /** The files of all the parts. */
  ofAll(jobs: readonly RenderJob[]): Set<string> {
    return new Set(jobs.flatMap((job) => [...this.of(job)]));
  }
}
