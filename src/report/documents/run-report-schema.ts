import * as z from 'zod';
import { engineIdSchema } from '../../engines/engine-id-schema.js';
import { partChangeSchema, runChangesSchema } from '../../changes/run-changes-schema.js';
import { outputFactsSchema } from '../../formats/output-facts-schema.js';
import { engineInfoSchema, failureReasonSchema } from '../../run/run-event-schema.js';
import { publishedJsonSchema } from '../../util/published-json-schema.js';

/*
 * The run report (`--report json=FILE`, and what every other report kind is written from) as zod
 * schemas: the source of truth. `RunReport` is inferred from them, and
 * `schema/parascad.report.schema.json` is generated from them by `npm run schema` (a test keeps
 * the file in step). A field added here is a field every report writer may read.
 */

/** A place in a file of the project: absolute, and relative to the project folder. */
const reportLocation = z.object({
  file: z.string().describe('Absolute path.'),
  relativePath: z
    .string()
    .describe('Relative to the project folder, with / separators (../ when outside it).'),
  line: z.number().int().describe('1-based.'),
  column: z.number().int().exactOptional(),
});

const reportDiagnostic = z.object({
  severity: z.enum(['error', 'warning', 'deprecated', 'trace', 'echo', 'info']),
  message: z.string(),
  location: reportLocation
    .exactOptional()
    .describe("Where in the user's files, when OpenSCAD said."),
  code: z.string().exactOptional().describe('What parascad recognised, e.g. missing-include.'),
  fatal: z.boolean().describe('This message alone means the part did not render correctly.'),
});

const reportFailure = z.object({
  kind: z.enum([
    'cancelled',
    'timeout',
    'engine-crash',
    'io-error',
    'memory-limit',
    'openscad-error',
    'exit-code',
    'conversion-failed',
    'missing-output',
    'invalid-output',
    'strict',
  ]),
  message: z.string().describe('Why, in one line, as the terminal says it.'),
  category: z
    .enum(['failure', 'error', 'cancelled'])
    .describe(
      'failure: the model or a policy failed it (OpenSCAD error, --strict, a bad output); error: the run could not finish it (crash, timeout, memory, I/O); cancelled: stopped by the user or --fail-fast.',
    ),
  location: reportLocation
    .exactOptional()
    .describe("The user's file and line the failure points at, when known."),
  reason: failureReasonSchema.describe('The failure as the library reports it.'),
});

const reportOutput = z.object({
  format: z.string(),
  path: z.string().describe('Absolute path.'),
  relativePath: z.string().describe('Relative to the project folder, with / separators.'),
  bytes: z.number().int(),
  digest: z
    .string()
    .nullable()
    .describe('SHA-256 of the file as the report was written; null when it could not be read.'),
  summary: z.string().describe('e.g. 1234 facets.'),
  note: z.string().exactOptional(),
  facts: outputFactsSchema.exactOptional(),
});

const reportPart = z.object({
  id: z.string().describe('Stable across runs: file#module and its variables.'),
  name: z.string(),
  file: z.string().describe('The .scad file, absolute.'),
  relativeFile: z.string().describe('The .scad file, relative to the project folder.'),
  module: z.string().exactOptional(),
  variables: z.record(z.string(), z.string()),
  requestedAt: reportLocation.describe('Where the user asked for the part.'),
  status: z.enum(['ok', 'failed', 'cancelled']),
  failure: reportFailure.exactOptional(),
  engine: z
    .object({
      id: engineIdSchema,
      version: z.string().exactOptional(),
      backend: z.string().exactOptional(),
    })
    .exactOptional()
    .describe('Absent for a part cancelled before it started.'),
  seconds: z.number().describe('Wall time of the render (the last attempt).'),
  geometrySeconds: z.number().exactOptional().describe('Of which OpenSCAD spent on geometry.'),
  attempts: z.number().int(),
  peakBytes: z.number().exactOptional(),
  dimension: z.enum(['2d', '3d']).exactOptional(),
  cached: z.boolean().describe('Taken from the cache instead of rendered.'),
  cachedFrom: z
    .object({
      runId: z.string(),
      renderedAt: z.string().describe('ISO 8601.'),
      seconds: z.number().describe('What the render took then.'),
      key: z.string(),
    })
    .exactOptional(),
  fallbackFrom: z
    .object({ engine: engineIdSchema, failure: failureReasonSchema })
    .exactOptional()
    .describe('The engine auto tried first, and how it failed there.'),
  where: z.string().exactOptional().describe('A fleet worker (host:pid), when not local.'),
  outputs: z.array(reportOutput),
  diagnostics: z.array(reportDiagnostic),
  console: z.string().describe('Everything OpenSCAD printed for the part.'),
  changes: partChangeSchema
    .exactOptional()
    .describe('Compared with the previous run or the baseline; absent when there was none.'),
});

/** A warning of the run, or a problem of the configuration that kept it from starting. */
const reportProblem = z.object({
  message: z.string(),
  location: reportLocation.exactOptional(),
  hint: z.string().exactOptional(),
});

const reportOptions = z
  .object({
    engine: z
      .enum(['auto', 'native', 'wasm', 'hybrid'])
      .exactOptional()
      .describe("--engine; absent when each part's own setting (else auto) decided."),
    openscad: z.string().exactOptional().describe('--openscad: the native binary, as given.'),
    config: z.string().exactOptional().describe('-c: the configuration file, as given.'),
    from: z
      .enum(['markers', 'render_config'])
      .exactOptional()
      .describe('-a: the classic flag, what it read the parts from.'),
    quality: z
      .number()
      .int()
      .exactOptional()
      .describe('--quality: $fn for every part, over comments and configs.'),
    defines: z
      .array(z.string())
      .exactOptional()
      .describe('-D: the variables set for every part, as given (name=value).'),
    paramSetFile: z.string().exactOptional().describe('-p: the customizer parameter set file.'),
    paramSets: z.array(z.string()).exactOptional().describe('-P: only these sets.'),
    outDir: z.string().exactOptional().describe('-o: the output folder, as given.'),
    strict: z.boolean(),
    failFast: z.boolean(),
    retries: z.number().int(),
    timeoutSeconds: z.number().exactOptional(),
    maxMemoryBytes: z
      .number()
      .exactOptional()
      .describe('--max-memory: what the running parts may take together.'),
    jobs: z.number().int().exactOptional(),
    cache: z.enum(['on', 'off', 'force']),
    stl: z.enum(['ascii', 'binary']).exactOptional(),
    thumbnails: z.boolean().describe('--thumbnails: a PNG picture beside each output.'),
    queue: z.string().exactOptional(),
    baseline: z.string().exactOptional(),
    targets: z.array(z.string()).describe('The targets as given, --file among them.'),
  })
  .describe('The options that decide what was rendered and how it was judged.');

/** The run report: one document for the whole run. */
export const runReportSchema = z.object({
  schema: z.literal(1),
  parascad: z.object({ version: z.string() }),
  run: z.object({
    outcome: z
      .enum(['passed', 'failed', 'cancelled', 'error'])
      .describe('error: the run could not start (see error); failed: a part failed.'),
    startedAt: z.string().describe('ISO 8601.'),
    endedAt: z.string().describe('ISO 8601.'),
    seconds: z.number(),
    projectDir: z.string().exactOptional().describe('Absent when the run stopped before planning.'),
    cwd: z.string(),
    source: z.string().exactOptional().describe('Where the parts come from, in words.'),
    engines: z
      .array(
        engineInfoSchema.extend({
          source: engineInfoSchema.shape.source
            .exactOptional()
            .describe(
              "The binary's path, or the npm package; absent for an engine not started in this run: the parts it rendered all came from the cache.",
            ),
        }),
      )
      .describe('The engines that rendered the parts, in this run or (from the cache) before.'),
    concurrency: z.number().int().exactOptional(),
    options: reportOptions,
    error: z
      .object({
        code: z.string(),
        message: z.string(),
        hint: z.string().exactOptional(),
        problems: z
          .array(reportProblem)
          .describe('Each problem of the configuration, with its place; empty for other errors.'),
      })
      .exactOptional(),
  }),
  totals: z.object({
    parts: z.number().int(),
    ok: z.number().int(),
    failed: z.number().int(),
    cancelled: z.number().int(),
    cached: z.number().int().describe('Of the ok parts, those taken from the cache.'),
    warnings: z.number().int().describe('Parts with at least one warning.'),
    partSeconds: z.number().describe('The sum of the parts’ own times.'),
  }),
  changes: runChangesSchema
    .omit({ parts: true })
    .exactOptional()
    .describe("Totals of what changed; each part's own is in its changes."),
  warnings: z.array(reportProblem),
  parts: z.array(reportPart).describe('In the order of the plan; failures are not moved first.'),
});

/** The JSON Schema of the run report, generated from {@link runReportSchema}. */
export function runReportJsonSchema(): Record<string, unknown> {
  return publishedJsonSchema(runReportSchema, {
    file: 'parascad.report.schema.json',
    title: 'parascad run report',
    description: 'The whole run as one document: `parascad render --report json=FILE`.',
  });
}
