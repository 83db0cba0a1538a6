import { basename, resolve } from 'node:path';
import type { Located, ModuleEntry, ParamValue } from '../config/project-config.js';
import { variableNamePattern } from '../config/openscad-names.js';
import { ConfigError } from '../errors.js';
import type { ConfigProblem } from '../errors.js';
import { didYouMean } from '../util/did-you-mean.js';
import { expandMatrix } from './expand-matrix.js';
import type { ScadFileInfo } from './load-scad-file.js';
import { paramText } from './param-text.js';
import { parameterSetVariables } from './parameter-set-variables.js';
import type { SetVariable } from './parameter-set-variables.js';
import type { PlanContext } from './part-request.js';
import { pickParameterSets } from './pick-parameter-sets.js';
import { scadLiteral } from './scad-literal.js';

/** One way a module entry renders its module: a set and a matrix combination, or neither. */
export interface ModuleVariant {
  /** The customizer set, if any. */
  readonly set?: { readonly file: string; readonly name: string };
  /** The matrix combination, as `[variable, value as written]` in the matrix's order. */
  readonly matrix: readonly (readonly [string, string])[];
  /** Every variable the variant sets: the set's, then `params`, then the matrix's (later win). */
  readonly variables: ReadonlyMap<string, SetVariable>;
}

/**
 * The variants of a module entry: one per customizer set (every set of the file when the entry
 * names none) times one per matrix combination. A set's values come first, explicit `params`
 * override them (the entry states them for every set), and the matrix's values override both; a
 * variable in both `params` and `matrix` is a problem, since one of them would be ignored.
 */
export async function moduleVariants(
  entry: ModuleEntry,
  file: ScadFileInfo,
  context: PlanContext,
): Promise<{ variants: ModuleVariant[]; problems: ConfigProblem[] }> {
  const problems: ConfigProblem[] = [];
  const assigned = new Set(file.assignments.map((assignment) => assignment.name));
  const checkName = (name: string, at: Located<unknown>['at'], where: string): boolean => {
    if (!variableNamePattern.test(name)) {
      problems.push({
        message: `${where} name ${JSON.stringify(name)} is not an OpenSCAD variable name`,
        location: at,
        hint: 'a variable name is letters, digits and _ (not starting with a digit), optionally after $',
      });
      return false;
    }
    const guess =
      name.startsWith('$') || assigned.has(name) ? undefined : didYouMean(name, [...assigned]);
    if (guess !== undefined) {
      context.onWarning?.({
        message: `${where} sets ${name}, which ${basename(file.file)} does not assign at its top level`,
        location: at,
        hint: `did you mean ${guess}?`,
      });
    }
    return true;
  };
  const literal = (
    value: ParamValue,
    at: Located<unknown>['at'],
    name: string,
  ): string | undefined => {
    try {
      return scadLiteral(value);
    } catch (error) {
      problems.push({
        message: `${name} cannot be given to OpenSCAD: ${(error as Error).message}`,
        location: at,
      });
      return undefined;
    }
  };

  const params = new Map<string, SetVariable>();
  for (const [name, value] of Object.entries(entry.params ?? {})) {
    if (!checkName(name, value.at, 'params')) continue;
    const source = literal(value.value, value.at, name);
    if (source !== undefined) params.set(name, { source, text: paramText(value.value) });
  }

  const matrix: Record<string, readonly ParamValue[]> = {};
  for (const [name, values] of Object.entries(entry.matrix ?? {})) {
    if (!checkName(name, values.at, 'matrix')) continue;
    if (entry.params?.[name] !== undefined) {
      problems.push({
        message: `${name} is set both under params and under matrix`,
        location: values.at,
        hint: 'keep one of them: the matrix would always override params',
      });
      continue;
    }
    if (values.value.length === 0) {
      problems.push({
        message: `matrix ${name} has no values, so it gives no parts`,
        location: values.at,
        hint: `list the values to render, e.g. ${name}: [10, 20]`,
      });
      continue;
    }
    if (values.value.every((value) => literal(value, values.at, name) !== undefined)) {
      matrix[name] = values.value;
    }
  }

  const sets = await entrySets(entry, file, context, problems);
  const variants: ModuleVariant[] = [];
  for (const set of sets) {
    for (const combination of expandMatrix(matrix)) {
      const variables = new Map([...(set?.variables ?? []), ...params]);
      const matrixTexts: [string, string][] = [];
      for (const [name, value] of Object.entries(combination)) {
        variables.set(name, { source: scadLiteral(value), text: paramText(value) });
        matrixTexts.push([name, paramText(value)]);
      }
      variants.push({
        ...(set === undefined ? {} : { set: { file: set.file, name: set.name } }),
        matrix: matrixTexts,
        variables,
      });
    }
  }
  return { variants, problems };
}

/** The entry's customizer sets with their typed values; `[undefined]` when it uses none. */
async function entrySets(
  entry: ModuleEntry,
  file: ScadFileInfo,
  context: PlanContext,
  problems: ConfigProblem[],
): Promise<
  ({ file: string; name: string; variables: ReadonlyMap<string, SetVariable> } | undefined)[]
> {
  const spec = entry.paramsets;
  if (spec === undefined) return [undefined];
  const jsonFile = resolve(context.baseDir, spec.file.value);
  try {
    const parameterSets = await context.parameterSets(jsonFile, spec.file.at);
    const picked = pickParameterSets(parameterSets, spec.sets);
    problems.push(...picked.problems);
    return picked.sets.map((set) => {
      const typed = parameterSetVariables(set, file.assignments, file.file);
      problems.push(...typed.problems);
      return { file: jsonFile, name: set.name, variables: typed.variables };
    });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
    return [];
  }
}
