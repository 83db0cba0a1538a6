import { fileURLToPath } from 'node:url';
import type { ReportPart, RunReport } from '../../../../src/report/documents/run-report.js';

/** The real exports the parts of these reports point at. */
export const outputsDir = fileURLToPath(
  new URL('../../../fixtures/outputs/native/', import.meta.url),
);
/** The project folder of these reports. */
export const projectDir = fileURLToPath(new URL('../../../fixtures/outputs/', import.meta.url));

/** The facts of a 10 × 10 × 12.5 mm box. */
export const meshFacts = {
  kind: '3d',
  volume: 1000,
  area: 600,
  bounds: { min: [0, 0, 0], max: [10, 10, 12.5] },
  triangles: 48,
  closed: true,
  openEdges: 0,
  nonManifoldEdges: 0,
} as const;

/** A part of a report, ok unless told otherwise. */
export function part(name: string, overrides: Partial<ReportPart> = {}): ReportPart {
  return {
    id: `models/${name}.scad`,
    name,
    file: `${projectDir}models/${name}.scad`,
    relativeFile: `models/${name}.scad`,
    variables: {},
    requestedAt: {
      file: `${projectDir}models/${name}.scad`,
      relativePath: `models/${name}.scad`,
      line: 1,
    },
    status: 'ok',
    engine: { id: 'native', version: '2021.01' },
    seconds: 1.5,
    attempts: 1,
    cached: false,
    outputs: [],
    diagnostics: [],
    console: '',
    ...overrides,
  };
}

/** An output of a part: a file of the fixture exports. */
export function output(
  file: string,
  format: string,
  facts?: ReportPart['outputs'][number]['facts'],
) {
  return {
    format,
    path: `${outputsDir}${file}`,
    relativePath: `native/${file}`,
    bytes: 2048,
    digest: null,
    summary: '48 facets',
    ...(facts === undefined ? {} : { facts }),
  };
}

/** A run report of these parts. */
export function report(parts: ReportPart[]): RunReport {
  return {
    schema: 1,
    parascad: { version: '9.9.9' },
    run: {
      outcome: 'failed',
      startedAt: '2026-12-02T12:00:00.000Z',
      endedAt: '2026-12-02T12:00:03.000Z',
      seconds: 3,
      projectDir,
      cwd: projectDir,
      engines: [],
      options: {
        strict: false,
        failFast: false,
        retries: 0,
        cache: 'on',
        thumbnails: false,
        targets: [],
      },
    },
    totals: {
      parts: parts.length,
      ok: 3,
      failed: 1,
      cancelled: 0,
      cached: 0,
      warnings: 1,
      partSeconds: 6,
    },
    warnings: [],
    parts,
  };
}
