import * as z from 'zod';
import { defined } from '../util/defined.js';
import { exportFormatSchema } from './export-format-schema.js';
import type { ProblemParams } from './issue-problems.js';
import { variableNamePattern } from './openscad-names.js';
import { outputPlaceholders, parseOutputTemplate } from './parse-output-template.js';

const formatsSchema = z
  .union(
    [
      exportFormatSchema,
      z
        .array(exportFormatSchema, { error: 'must be a list of export formats such as [stl, 3mf]' })
        .min(1, { error: 'must list at least one export format' }),
    ],
    { error: 'must be an export format or a list of them, such as [stl, 3mf]' },
  )
  .transform((formats) => [...new Set(Array.isArray(formats) ? formats : [formats])])
  .meta({
    description:
      'Export formats, by file suffix: one (stl) or a list ([stl, 3mf]). Each is rendered to its own file by one OpenSCAD run.',
  });

const positive = (message: string) => z.number({ error: message }).positive({ error: message });
const fn = 'Fragments in a full circle ($fn).';
const fa = 'Minimum angle of a fragment, in degrees ($fa).';
const fs = 'Minimum length of a fragment, in mm ($fs).';
const sameSetting = [
  ['$fn', 'fn'],
  ['$fa', 'fa'],
  ['$fs', 'fs'],
] as const;

const qualitySchema = z
  .strictObject(
    {
      $fn: positive('must be a positive number').meta({ description: fn }).optional(),
      $fa: positive('must be a positive number').meta({ description: fa }).optional(),
      $fs: positive('must be a positive number').meta({ description: fs }).optional(),
      fn: positive('must be a positive number')
        .meta({ description: `${fn} Same as $fn.` })
        .optional(),
      fa: positive('must be a positive number')
        .meta({ description: `${fa} Same as $fa.` })
        .optional(),
      fs: positive('must be a positive number')
        .meta({ description: `${fs} Same as $fs.` })
        .optional(),
    },
    { error: 'must be a mapping such as {$fn: 64}' },
  )
  .superRefine(
    (quality: unknown, context) => {
      if (typeof quality !== 'object' || quality === null) return;
      for (const [special, plain] of sameSetting) {
        if (Object.hasOwn(quality, special) && Object.hasOwn(quality, plain)) {
          context.addIssue({
            code: 'custom',
            path: [plain],
            message: `is the same setting as ${special}`,
            params: {
              withPath: true,
              atKey: true,
              hint: 'keep one of them',
            } satisfies ProblemParams,
          });
        }
      }
    },
    // Also when a value is wrong, so that every problem of the file is reported at once.
    { when: () => true },
  )
  .transform((quality) =>
    defined({
      $fn: quality.$fn ?? quality.fn,
      $fa: quality.$fa ?? quality.fa,
      $fs: quality.$fs ?? quality.fs,
    }),
  )
  .meta({
    description: 'Resolution of curves: $fn, $fa, $fs (also written fn, fa, fs).',
  });

const templateMessage = 'must be a path template such as "{name}.{format}"';
const placeholderPattern = [
  ...outputPlaceholders,
  `param\\.${variableNamePattern.source.replace(/^\^|\$$/g, '')}`,
].join('|');

const outputTemplateSchema = z
  .string({ error: templateMessage })
  .min(1, { error: templateMessage })
  .meta({
    pattern: `^(?:[^{}]|\\{(?:${placeholderPattern})\\})+$`,
    description:
      "Output path relative to the output folder, with placeholders {dir} (the scad file's folder in the project) {file} {module} {set} {param.NAME} {format} {name}.",
  })
  .superRefine((template, context) => {
    for (const problem of parseOutputTemplate(template).problems) {
      context.addIssue({
        code: 'custom',
        message: problem.message,
        params: {
          hint: problem.hint,
          withPath: true,
          within: { text: problem.text, occurrence: problem.occurrence },
        } satisfies ProblemParams,
      });
    }
  });

/**
 * The settings `defaults`, a file entry and a module entry may each give (the most specific
 * wins), as zod shape entries to spread into each of those mappings. `timeout` parses to
 * seconds; `formats` to a list of lower-case suffixes; `quality` to `$fn`/`$fa`/`$fs`.
 */
export const partSettingsShape = {
  formats: formatsSchema.optional(),
  quality: qualitySchema.optional(),
  timeout: positive('must be a positive number of seconds')
    .meta({ description: 'Stop a part that renders longer than this many seconds.' })
    .optional(),
  engine: z
    .enum(['auto', 'native', 'wasm', 'hybrid'], { error: 'must be auto, native, wasm or hybrid' })
    .meta({
      description:
        'Which OpenSCAD renders the part: the installed one (native), the bundled WebAssembly build (wasm), the installed one evaluating and the WebAssembly build making the geometry (hybrid), or the faster one for the part (auto).',
    })
    .optional(),
  backend: z
    .enum(['manifold', 'cgal'], { error: 'must be manifold or cgal' })
    .meta({ description: 'The geometry backend of a native OpenSCAD that has both.' })
    .optional(),
  stl: z
    .enum(['ascii', 'binary'], { error: 'must be ascii or binary' })
    .meta({
      description:
        "How STL files are written: ascii (OpenSCAD's default) or binary (about 5x smaller, and faster to write and read).",
    })
    .optional(),
  mode: z
    .enum(['include', 'use'], { error: 'must be include or use' })
    .meta({
      description:
        'How the generated program brings in the file: include (its top-level variables and code apply) or use (only its modules and functions).',
    })
    .optional(),
  output: outputTemplateSchema.optional(),
};
