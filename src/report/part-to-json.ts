import type { PlannedOutput, Quality, QualitySource, RenderJob } from '../plan/render-job.js';

/** A planned part as `parascad list --json` gives it. */
export interface JsonPart {
  readonly id: string;
  readonly name: string;
  readonly scadFile: string;
  /** Null for a file rendered whole. */
  readonly module: string | null;
  readonly mode: 'include' | 'use';
  /** Variables set for the part, as OpenSCAD source. */
  readonly variables: Readonly<Record<string, string>>;
  readonly quality: Quality;
  /** Where `quality` comes from (see `QualitySource`); null for parts built by other tools. */
  readonly qualityFrom: QualitySource | null;
  readonly paramSet: { readonly file: string; readonly name: string } | null;
  readonly outputs: readonly PlannedOutput[];
}

/** A part as `parascad list --json` lists it: what it renders, without where it was asked for. */
export function partToJson(job: RenderJob): JsonPart {
  return {
    id: job.id,
    name: job.name,
    scadFile: job.scadFile,
    module: job.module ?? null,
    mode: job.mode,
    variables: job.variables,
    quality: job.quality,
    qualityFrom: job.qualityFrom ?? null,
    paramSet: job.paramSet ?? null,
    outputs: job.outputs,
  };
}
