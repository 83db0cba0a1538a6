import * as z from 'zod';
import { engineIdSchema } from '../engines/engine-id-schema.js';
import type { DeepReadonly } from '../util/deep-readonly.js';
import { outputFactsSchema } from '../formats/output-facts-schema.js';

/** What a previous run (or the baseline) had for one output format of a part. */
export const previousOutputSchema = z.object({
  digest: z.string().describe('SHA-256 of the previous bytes.'),
  bytes: z.number().int(),
  facts: outputFactsSchema.exactOptional(),
  file: z
    .string()
    .exactOptional()
    .describe(
      "Where the previous bytes can be read: the cache store's blob, or the baseline's file. Absent when they were not kept (--no-cache, or pruned).",
    ),
});

/** How one output compares with the previous one of its format. */
export const outputChangeSchema = z.object({
  status: z
    .enum(['unchanged', 'same-geometry', 'changed', 'new', 'gone'])
    .describe(
      'unchanged: the same bytes; same-geometry: other bytes, the same geometry (facet order, number formatting; from another engine, the same volume, area and bounds within rounding); changed: the geometry differs; new: no previous output of this format; gone: the part no longer writes this format.',
    ),
  previous: previousOutputSchema.exactOptional(),
  volumeDelta: z.number().exactOptional().describe('This volume minus the previous one, mm³.'),
  areaDelta: z.number().exactOptional().describe('Surface area (3D) or area (2D) difference.'),
  trianglesDelta: z.number().int().exactOptional(),
  boundsDelta: z
    .object({ min: z.array(z.number()), max: z.array(z.number()) })
    .exactOptional()
    .describe('How far each corner of the bounding box moved, per axis.'),
});

/** How one part compares with the previous run or the baseline. */
export const partChangeSchema = z.object({
  status: z
    .enum(['unchanged', 'changed', 'new'])
    .describe(
      'changed when an output changed geometry, appeared or went; unchanged when every output has the same geometry (its bytes may differ); new when the part was not there before.',
    ),
  engines: z
    .object({ previous: engineIdSchema, current: engineIdSchema })
    .exactOptional()
    .describe(
      'Set when another engine rendered the part than the previous run: its outputs are then compared by volume, area and bounds within rounding (10⁻⁵ of its size), not triangle by triangle.',
    ),
  outputs: z.record(z.string(), outputChangeSchema).describe('Keyed by output format.'),
});

/** What changed since the previous run (or against the baseline), part by part. */
export const runChangesSchema = z.object({
  against: z.enum(['previous-run', 'baseline']),
  baseline: z.string().exactOptional().describe('The baseline folder, absolute.'),
  previousRunAt: z.string().exactOptional().describe('When the previous run started (ISO 8601).'),
  parts: z
    .record(z.string(), partChangeSchema)
    .describe('Keyed by part id; only the parts that rendered (or came from the cache).'),
  unchanged: z.number().int(),
  changed: z.number().int(),
  new: z.number().int(),
  gone: z
    .array(z.object({ id: z.string(), name: z.string() }))
    .describe('Parts the previous run (or baseline) had that this run does not.'),
});

export type RunChanges = DeepReadonly<z.output<typeof runChangesSchema>>;
export type PartChange = DeepReadonly<z.output<typeof partChangeSchema>>;
export type OutputChange = DeepReadonly<z.output<typeof outputChangeSchema>>;
export type PreviousOutput = DeepReadonly<z.output<typeof previousOutputSchema>>;
