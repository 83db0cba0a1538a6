import * as z from 'zod';
import { engineIdSchema } from '../engines/engine-id-schema.js';
import { runChangesSchema } from '../changes/run-changes-schema.js';
import { outputFactsSchema } from '../formats/output-facts-schema.js';
import type { RunEvent } from './run-event.js';
import { publishedJsonSchema } from '../util/published-json-schema.js';

/*
 * The run's events as zod schemas, for the JSON Schema that describes `--json` lines
 * (`schema/parascad.events.schema.json`). Each schema is typed by the TypeScript type it
 * describes, so the compiler refuses a schema that allows what the type does not; a test checks
 * real runs' events against the JSON Schema (which allows no unknown fields), so a field added to
 * the types without its schema is caught too. To add a field: add it to the type, then here.
 */

const sourceLocation = z.object({
  file: z.string().describe('Absolute path.'),
  line: z.number().int(),
  column: z.number().int().exactOptional(),
});

/** An engine as a run used it (`EngineInfo`). */
export const engineInfoSchema = z.object({
  id: engineIdSchema,
  version: z.string().describe("OpenSCAD's own version string, e.g. 2021.01."),
  backend: z.enum(['manifold', 'cgal']),
  source: z.string().describe("The binary's path, or the npm package."),
});

/** A warning or configuration problem with its place (`ConfigProblem`). */
export const configProblemSchema = z.object({
  message: z.string(),
  location: sourceLocation.extend({ length: z.number().int().exactOptional() }).exactOptional(),
  hint: z.string().exactOptional(),
  parts: z
    .array(z.string())
    .exactOptional()
    .describe('The ids of the parts a planning warning is about: --strict fails them.'),
});

/** One message OpenSCAD printed (`Diagnostic`). */
export const diagnosticSchema = z.object({
  severity: z.enum(['error', 'warning', 'deprecated', 'trace', 'echo', 'info']),
  message: z.string(),
  location: sourceLocation.exactOptional(),
  code: z
    .enum([
      'missing-include',
      'missing-library',
      'missing-import',
      'empty-top-level',
      'not-3d',
      'not-2d',
      'output-not-writable',
      'export-not-supported',
      'parser-error',
      'assertion-failed',
      'recursion',
      'unknown-module',
      'unknown-variable',
      'font-missing',
    ])
    .exactOptional(),
  fatal: z.boolean(),
});

const quality = z.object({
  $fn: z.number().exactOptional(),
  $fa: z.number().exactOptional(),
  $fs: z.number().exactOptional(),
});

const qualitySource = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('command-line') }),
    z.object({ kind: z.enum(['config', 'comment']), file: z.string() }),
    z.object({ kind: z.literal('classic-default') }),
    z.object({
      kind: z.literal('file'),
      assigned: z.array(z.object({ text: z.string(), at: sourceLocation })).exactOptional(),
    }),
  ])
  .describe(
    "Where the part's quality comes from (--quality, a config, a comment, the default 95, the file).",
  );

const plannedOutput = z.object({ format: z.string(), path: z.string() });

const renderJob = z.object({
  id: z.string(),
  name: z.string(),
  scadFile: z.string(),
  module: z.string().exactOptional(),
  mode: z.enum(['include', 'use']),
  variables: z.record(z.string(), z.string()),
  quality,
  qualityFrom: qualitySource.exactOptional(),
  outputs: z.array(plannedOutput),
  declaredAt: sourceLocation.extend({ length: z.number().int().exactOptional() }),
  requestedAt: sourceLocation
    .extend({ length: z.number().int().exactOptional() })
    .describe('Where the user asked for the part (a marker, a config entry), with its length.'),
  timeoutSeconds: z.number().exactOptional(),
  engine: z.enum(['auto', 'native', 'wasm', 'hybrid']).exactOptional(),
  backend: z.enum(['manifold', 'cgal']).exactOptional(),
  paramSet: z.object({ file: z.string(), name: z.string() }).exactOptional(),
  stl: z.enum(['ascii', 'binary']).exactOptional(),
});

const partEstimate = z.object({
  seconds: z.number(),
  peakBytes: z.number().exactOptional(),
  basis: z.enum(['recorded', 'other-engine', 'same-file', 'none']),
});

/** Why a part did not render (`FailureReason`). */
export const failureReasonSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('cancelled') }),
  z.object({ kind: z.literal('timeout'), seconds: z.number() }),
  z.object({ kind: z.literal('engine-crash'), message: z.string() }),
  z.object({ kind: z.literal('io-error'), message: z.string() }),
  z.object({ kind: z.literal('memory-limit'), limitBytes: z.number(), usedBytes: z.number() }),
  z.object({ kind: z.literal('openscad-error'), diagnostic: diagnosticSchema }),
  z.object({ kind: z.literal('exit-code'), code: z.number() }),
  z.object({ kind: z.literal('conversion-failed'), format: z.string(), message: z.string() }),
  z.object({ kind: z.literal('missing-output'), format: z.string() }),
  z.object({ kind: z.literal('invalid-output'), format: z.string(), message: z.string() }),
  z.object({ kind: z.literal('strict'), warnings: z.number().int(), first: diagnosticSchema }),
]);

const deliveredOutput = z.object({
  format: z.string(),
  path: z.string(),
  bytes: z.number().int(),
  summary: z.string(),
  note: z.string().exactOptional(),
  facts: outputFactsSchema.exactOptional(),
  digest: z.string().exactOptional(),
  geometryDigest: z.string().exactOptional(),
});

/** One part's outcome (`PartResult`). */
export const partResultSchema = z.object({
  job: renderJob,
  engine: engineIdSchema,
  status: z.enum(['ok', 'failed', 'cancelled']),
  failure: failureReasonSchema.exactOptional(),
  outputs: z.array(deliveredOutput),
  diagnostics: z.array(diagnosticSchema),
  seconds: z.number(),
  attempts: z.number().int(),
  peakBytes: z.number().exactOptional(),
  dimension: z.enum(['2d', '3d']).exactOptional(),
  geometrySeconds: z.number().exactOptional(),
  plainGeometry: z
    .literal(true)
    .exactOptional()
    .describe('No CGAL or Manifold operation built it: 2D, or a plain mesh.'),
  fallbackFrom: z
    .object({ engine: engineIdSchema, failure: failureReasonSchema })
    .exactOptional()
    .describe('The engine auto tried first, and how it failed there.'),
  where: z
    .string()
    .exactOptional()
    .describe("A fleet worker (host:pid), or the fleet's store, when not rendered locally."),
  dependencies: z
    .array(z.string())
    .exactOptional()
    .describe('Absolute paths of the files OpenSCAD opened, when the run recorded them.'),
  cached: z
    .object({
      key: z.string().describe('The part key of the cache entry.'),
      renderedAt: z.string().describe('When the run that rendered it started (ISO 8601).'),
      runId: z.string(),
      seconds: z.number().describe('What the render took then.'),
      engine: z
        .object({ id: engineIdSchema, version: z.string(), backend: z.enum(['manifold', 'cgal']) })
        .describe('The engine that rendered it then (the part key holds it).'),
    })
    .exactOptional()
    .describe('Set when the part was taken from the cache instead of being rendered.'),
  console: z.string().describe('Everything OpenSCAD printed.'),
});

const runSummary = z.object({
  results: z.array(partResultSchema),
  ok: z.number().int(),
  failed: z.number().int(),
  cancelled: z.number().int(),
  cached: z.number().int().describe('Of the ok parts, those taken from the cache.'),
  wallSeconds: z.number(),
  partSeconds: z.number(),
  speedup: z.number(),
  lowerBoundSeconds: z.number(),
  scheduleEfficiency: z.number(),
  retries: z.number().int(),
  concurrency: z.number().int(),
  engines: z.array(engineInfoSchema),
  changes: runChangesSchema
    .exactOptional()
    .describe('What changed since the previous run, or against --baseline.'),
});

/** Every event of a run, as the library emits it and `--json` writes it, one per line. */
export const runEventSchema: z.ZodType<RunEvent> = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('run-start'),
    jobs: z
      .array(renderJob)
      .describe('Every part, in the order they will start: first those taken from the cache.'),
    order: z
      .array(z.string())
      .describe("The ids of jobs in the plan's order, which reports list the parts in."),
    cached: z
      .number()
      .int()
      .exactOptional()
      .describe('How many of them (the first) are taken from the cache, not rendered.'),
    estimates: z.record(z.string(), partEstimate).describe('Keyed by part id.'),
    concurrency: z.number().int(),
    memoryBudgetBytes: z.number(),
    projectDir: z
      .string()
      .describe('The project folder (absolute): part ids and relative paths are relative to it.'),
    engines: z.object({
      native: engineInfoSchema.exactOptional(),
      wasm: engineInfoSchema.exactOptional(),
      explanation: z.string(),
    }),
    source: z
      .string()
      .exactOptional()
      .describe('Where the parts come from, in words (render_config.yml, …).'),
  }),
  z.object({ type: z.literal('warning'), problem: configProblemSchema }),
  z.object({
    type: z.literal('part-start'),
    job: renderJob,
    engine: engineIdSchema,
    reason: z.string(),
    attempt: z.number().int(),
    expected: partEstimate,
    where: z.string().exactOptional().describe('A fleet worker (host:pid), when not local.'),
  }),
  z.object({
    type: z.literal('part-retry'),
    job: renderJob,
    attempt: z.number().int(),
    failure: failureReasonSchema,
    nextEngine: engineIdSchema.exactOptional(),
  }),
  z.object({ type: z.literal('part-done'), result: partResultSchema }),
  z.object({
    type: z.literal('stopping'),
    reason: z.enum(['interrupted', 'fail-fast', 'terminated']),
    running: z.number().int(),
  }),
  z.object({ type: z.literal('run-done'), summary: runSummary }),
  z.object({
    type: z.literal('run-error'),
    error: z.object({
      code: z.enum([
        'CONFIG_INVALID',
        'SCAD_FILE_NOT_FOUND',
        'NOTHING_TO_RENDER',
        'ENGINE_NOT_FOUND',
        'ENGINE_UNAVAILABLE',
        'USAGE',
        'CONFIG_EXISTS',
        'FLEET_UNREACHABLE',
        'FLEET_NO_WORKER',
        'CANCELLED',
      ]),
      message: z.string(),
      hint: z.string().exactOptional(),
      problems: z.array(configProblemSchema),
    }),
  }),
]);

/**
 * The JSON Schema of one `--json` line, generated from {@link runEventSchema}; unknown fields are
 * not allowed, so the schema says everything a line can hold.
 */
export function runEventJsonSchema(): Record<string, unknown> {
  return publishedJsonSchema(runEventSchema, {
    file: 'parascad.events.schema.json',
    title: 'parascad run event',
    description:
      'One line of `parascad render --json`: an event of the run, as the library emits it.',
  });
}
