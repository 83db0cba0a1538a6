import * as z from 'zod';
import type { ProblemParams } from './issue-problems.js';
import { variableNamePattern } from './openscad-names.js';
import type { ParamValue } from './project-config.js';

/**
 * A value a config gives an OpenSCAD variable: a finite number, a boolean, a string, null (for
 * `undef`), or a list of those, nested as deep as wanted (a vector, a matrix of points).
 */
export const paramValueSchema: z.ZodType<ParamValue> = z
  .lazy(() =>
    z.union([z.number(), z.boolean(), z.string(), z.null(), z.array(paramValueSchema)], {
      error: 'must be a number, string, boolean, null or a list of those',
    }),
  )
  .meta({
    id: 'ParamValue',
    description:
      'A value for an OpenSCAD variable: a number, string, boolean, null (undef), or a list of those.',
  });

/** The name of an OpenSCAD variable a config sets, such as `width` or `$fn`. */
export const variableNameSchema = z
  .string()
  .refine((name) => variableNamePattern.test(name), {
    error: 'is not an OpenSCAD variable name',
    params: {
      hint: 'a variable name is a letter or _ (after a $ for special variables), then letters, digits and _',
    } satisfies ProblemParams,
  })
  .meta({ pattern: variableNamePattern.source });
