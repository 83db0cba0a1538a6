import * as z from 'zod';
import type { ProblemParams } from './issue-problems.js';
import { moduleNamePattern } from './openscad-names.js';
import { paramValueSchema, variableNameSchema } from './param-value-schema.js';
import { partSettingsShape } from './part-settings-schema.js';

const text = (message: string) => z.string({ error: message }).min(1, { error: message });

const moduleNameSchema = z
  .string({ error: 'must be a module name' })
  .refine((name) => moduleNamePattern.test(name), {
    error: 'must be a module name',
    params: {
      withPath: true,
      withValue: true,
      hint: 'a module name is a letter, _ or $, then letters, digits, _ and $',
    } satisfies ProblemParams,
  })
  .meta({ pattern: moduleNamePattern.source });

const paramSetFileSchema = text('must be the path of a parameter set file such as box.json');

const paramSetsSchema = z
  .union(
    [
      paramSetFileSchema,
      z.literal(true, { error: 'must be true' }),
      z.strictObject(
        {
          file: paramSetFileSchema
            .meta({
              description:
                "The Customizer's parameter set file, relative to this config. Default: NAME.json beside NAME.scad, as OpenSCAD finds it.",
            })
            .optional(),
          sets: z
            .array(text('must be the name of a parameter set'), {
              error: 'must be a list of parameter set names such as [small, large]',
            })
            .min(1, { error: 'must list at least one parameter set' })
            .meta({ description: 'The sets to render; every set of the file when left out.' })
            .optional(),
        },
        { error: 'must be a mapping such as {file: box.json, sets: [small]}' },
      ),
    ],
    {
      error:
        'must be the path of a parameter set file, true (NAME.json beside NAME.scad), or a mapping such as {file: box.json, sets: [small]}',
    },
  )
  .meta({
    description:
      'OpenSCAD Customizer parameter sets (a JSON file) to render, each set as its own part: the file, true for NAME.json beside NAME.scad, or {file, sets}.',
  });

/**
 * What makes a family of variants of a part, given the same way to a module entry and to a file
 * entry (whose whole files and marked modules then render once per variant).
 */
const variantShape = {
  params: z
    .record(variableNameSchema, paramValueSchema, {
      error: 'must be a mapping of variable names to values such as {width: 40}',
    })
    .meta({ description: 'Values for OpenSCAD variables, set after the file is included.' })
    .optional(),
  paramsets: paramSetsSchema.optional(),
  matrix: z
    .record(
      variableNameSchema,
      z
        .array(paramValueSchema, {
          error: 'must be a non-empty list of values such as [10, 20]',
        })
        .min(1, { error: 'must be a non-empty list of values such as [10, 20]' }),
      {
        error: 'must be a mapping of variable names to lists of values such as {size: [10, 20]}',
      },
    )
    .meta({
      description:
        'Lists of values for OpenSCAD variables: one part for each combination of their values.',
    })
    .optional(),
};

/** A variable in both `params` and `matrix` of one entry. */
function paramsAndMatrix(entry: unknown, context: z.RefinementCtx): void {
  const params = field(entry, 'params');
  const matrix = field(entry, 'matrix');
  if (!isMapping(params) || !isMapping(matrix)) return;
  for (const name of Object.keys(matrix).filter((key) => Object.hasOwn(params, key))) {
    context.addIssue({
      code: 'custom',
      path: ['matrix', name],
      message: 'is also set in params',
      params: {
        withPath: true,
        atKey: true,
        hint: 'a variable takes one value (params) or one value per part (matrix), not both',
      } satisfies ProblemParams,
    });
  }
}

const moduleEntrySchema = z
  .strictObject(
    {
      name: moduleNameSchema.meta({ description: 'The module to render.' }),
      ...variantShape,
      ...partSettingsShape,
    },
    { error: 'must be a module name or a mapping such as {name: base}' },
  )
  // Also when a value is wrong, so that every problem of the file is reported at once.
  .superRefine(paramsAndMatrix, { when: () => true });

const modulesMessage = 'must be marked, whole or a list of modules';

const fileEntrySchema = z
  .strictObject(
    {
      path: text('must be a file path or glob such as parts/*.scad').meta({
        description: 'The .scad file, or a glob of them, relative to this config.',
      }),
      exclude: z
        .union(
          [
            text('must be a path or glob'),
            z.array(text('must be a path or glob'), { error: 'must be a list of paths or globs' }),
          ],
          { error: 'must be a path or glob, or a list of them' },
        )
        .meta({ description: 'Files matched by path to leave out: a glob or a list of globs.' })
        .optional(),
      modules: z
        .union(
          [
            z.enum(['marked', 'whole'], { error: modulesMessage }),
            z
              .array(
                z.union([moduleNameSchema, moduleEntrySchema], {
                  error: 'must be a module name or a mapping such as {name: base}',
                }),
                { error: modulesMessage },
              )
              .min(1, { error: 'must list at least one module' }),
          ],
          { error: modulesMessage },
        )
        .meta({
          description:
            'marked: the modules with //render.model.* markers (a file without markers renders whole); whole: the file as one part; or a list of modules.',
        })
        .optional(),
      ...variantShape,
      ...partSettingsShape,
    },
    { error: 'must be a mapping such as {path: parts/*.scad}' },
  )
  .superRefine(paramsAndMatrix, { when: () => true });

/**
 * The schema of `parascad.config.yaml` / `.yml` / `.json`, as written: the loader validates with
 * it, and the published JSON Schema is generated from it (with `io: 'input'`), so that editors
 * and parascad accept the same files.
 */
export const projectConfigSchema = z
  .strictObject(
    {
      $schema: z
        .string({ error: 'must be the path or URL of the JSON schema' })
        .meta({ description: 'The JSON schema of this file, for editors; parascad ignores it.' })
        .optional(),
      outDir: text('must be a folder path such as outputs')
        .meta({ description: 'Output folder, relative to this config. Default: outputs.' })
        .optional(),
      jobs: z
        .int({ error: 'must be a positive integer' })
        .positive({ error: 'must be a positive integer' })
        .meta({ description: 'Parts rendered at once. Default: from the CPUs and the engine.' })
        .optional(),
      cache: z
        .strictObject(
          {
            dir: text('must be a folder path such as ../.render-cache')
              .meta({
                description:
                  'Cache folder, relative to this config (one may serve several projects). Default: .parascad/cache.',
              })
              .optional(),
            maxSize: z
              .union(
                [z.int().nonnegative(), z.string().regex(/^\s*\d+(\.\d+)?\s*[kmgt]?i?b?\s*$/i)],
                {
                  error: 'must be a size such as 2G, 500M or a number of bytes',
                },
              )
              .meta({
                description:
                  'Bytes the cache may hold (2G, 500M, …); the least recently used entries go first. Default: 2G.',
              })
              .optional(),
          },
          { error: 'must be a mapping such as {dir: .cache, maxSize: 2G}' },
        )
        .meta({
          description: 'Where rendered parts are kept, so that unchanged parts never render twice.',
        })
        .optional(),
      strict: z
        .boolean({ error: 'must be true or false' })
        .meta({
          description:
            'Fail parts that render with warnings or a mesh that is not closed (as --strict). Default: false.',
        })
        .optional(),
      defaults: z
        .strictObject(partSettingsShape, {
          error: 'must be a mapping of settings such as {formats: [stl]}',
        })
        .meta({
          description: 'Settings for every part, unless a file or module entry sets its own.',
        })
        .optional(),
      files: z
        .array(fileEntrySchema, { error: 'must be a list of {path: …} entries' })
        .min(1, { error: 'must list at least one {path: …} entry' })
        .meta({ description: 'The .scad files to render, and which of their modules.' }),
    },
    { error: 'must be a mapping of settings such as "files: [{path: project.scad}]"' },
  )
  .meta({
    title: 'parascad project config',
    description:
      'parascad.config.yaml, .yml or .json: which OpenSCAD files and modules parascad renders, and how.',
  });

function field(value: unknown, key: string): unknown {
  return isMapping(value) ? value[key] : undefined;
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
