import { basename, dirname, join, resolve } from 'node:path';
import type { Located, ParamValue, VariantSpec } from '../config/project-config.js';
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
import type { TopLevelAssignment } from './top-level-assignments.js';
import type { ModuleDeclaration } from '../discovery/list-modules.js';

/** One way a part renders: a set and a matrix combination, or neither. */
export interface ModuleVariant {
  /** The customizer set, if any. */
  readonly set?: { readonly file: string; readonly name: string; readonly beside?: true };
  /** The matrix combination, as `[variable, value as written]` in the matrix's order. */
  readonly matrix: readonly (readonly [string, string])[];
  /** Every variable the variant sets: the set's, then `params`, then the matrix's (later win). */
  readonly variables: ReadonlyMap<string, SetVariable>;
}

/**
 * The variants of a part — a listed module, or a whole file or marked module of a file entry:
 * one per customizer set (every set of the file when the entry names none) times one per
 * matrix combination. A set's values come first, explicit `params` override them (the entry
 * states them for every set), and the matrix's values override both; a variable in both
 * `params` and `matrix` is a problem, since one of them would be ignored.
 *
 * Values are checked against the variable's default (see `ScadFileInfo.variableDefaults`): a
 * value of another type than a literal default (a string for a number, …) is a problem at the
 * value, as are set names missing from the JSON, set variables the file does not define and set
 * values of the wrong type; a `params`/`matrix` variable that neither the file nor a file it
 * includes or uses assigns is a warning (`-D` still defines it, and the file may read it). `paramsets`
 * without a file uses OpenSCAD's own convention, `NAME.json` beside `NAME.scad`.
 */
export async function moduleVariants(
  entry: VariantSpec,
  file: ScadFileInfo,
  context: PlanContext,
  /** The modules the variants call, whose parameters a value may also name. */
  modules: readonly (ModuleDeclaration | undefined)[] = [],
): Promise<{ variants: ModuleVariant[]; problems: ConfigProblem[] }> {
  const problems: ConfigProblem[] = [];
  const wantsValues = entry.params !== undefined || entry.matrix !== undefined;
  const defaults =
    wantsValues || entry.paramsets !== undefined ? await file.variableDefaults() : [];
  const defaultOf = new Map(defaults.map((assignment) => [assignment.name, assignment]));
  // A module parameter of the value's name takes it as an argument (see `variantValues`).
  const parameters = new Set(
    modules.flatMap((module) => module?.parameters.map((parameter) => parameter.name) ?? []),
  );
  const called = [
    ...new Set(modules.flatMap((module) => (module === undefined ? [] : [`${module.name}()`]))),
  ];
  const takers =
    called.length === 0
      ? ''
      : called.length === 1
        ? ` and ${called.join('')} has no parameter of that name`
        : ` and none of ${called.join(', ')} has a parameter of that name`;
  const checkName = (name: string, at: Located<unknown>['at'], where: string): boolean => {
    if (!variableNamePattern.test(name)) {
      problems.push({
        message: `${where} name ${JSON.stringify(name)} is not an OpenSCAD variable name`,
        location: at,
        hint: 'a variable name is letters, digits and _ (not starting with a digit), optionally after $',
      });
      return false;
    }
    if (name.startsWith('$') || defaultOf.has(name) || parameters.has(name)) return true;
    // Not an error: -D defines a variable the file never assigns, and the file may read it.
    const guess = didYouMean(name, [...defaultOf.keys(), ...parameters]);
    context.onWarning?.({
      message: `${where} sets ${name}, which ${basename(file.file)} does not assign at its top level${takers}`,
      location: at,
      hint:
        guess !== undefined
          ? `did you mean ${guess}?`
          : `it is passed anyway; neither ${basename(file.file)} nor a file it includes or uses assigns it`,
    });
    return true;
  };
  const literal = (
    value: ParamValue,
    at: Located<unknown>['at'],
    name: string,
  ): string | undefined => {
    const mismatch = typeMismatch(value, defaultOf.get(name));
    if (mismatch !== undefined) {
      problems.push({
        message: `${name} is ${mismatch}`,
        location: at,
        hint: 'give a value of the type of the default, as the customizer does',
      });
      return undefined;
    }
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

  const sets = await entrySets(entry, file, defaults, context, problems);
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
        ...(set === undefined
          ? {}
          : { set: { file: set.file, name: set.name, ...(set.beside ? { beside: true } : {}) } }),
        matrix: matrixTexts,
        variables,
      });
    }
  }
  return { variants, problems };
}

/** How a value differs in type from the variable's literal default, if it does. */
function typeMismatch(
  value: ParamValue,
  assignment: TopLevelAssignment | undefined,
): string | undefined {
  if (assignment?.literal === undefined || value === null) return undefined;
  const expected = kindOf(assignment.literal.value);
  const given = kindOf(value);
  if (expected === 'undef' || expected === given) return undefined;
  const where = `${basename(assignment.at.file)}:${assignment.at.line}`;
  return `${articled(given)} (${paramText(value)}), but its default (${where}) is ${articled(expected)}`;
}

function kindOf(value: ParamValue): 'string' | 'number' | 'boolean' | 'list' | 'undef' {
  if (value === null) return 'undef';
  if (Array.isArray(value)) return 'list';
  return typeof value as 'string' | 'number' | 'boolean';
}

function articled(kind: string): string {
  return kind === 'undef' ? 'undef' : `a ${kind}`;
}

/** `NAME.json` beside `NAME.scad`, where OpenSCAD looks for a file's parameter sets. */
export function parameterSetFileBeside(scadFile: string): string {
  return join(dirname(scadFile), `${basename(scadFile).replace(/\.scad$/i, '')}.json`);
}

/** The entry's customizer sets with their typed values; `[undefined]` when it uses none. */
async function entrySets(
  entry: VariantSpec,
  file: ScadFileInfo,
  defaults: readonly TopLevelAssignment[],
  context: PlanContext,
  problems: ConfigProblem[],
): Promise<
  (
    | {
        file: string;
        name: string;
        beside: boolean;
        variables: ReadonlyMap<string, SetVariable>;
      }
    | undefined
  )[]
> {
  const spec = entry.paramsets;
  if (spec === undefined) return [undefined];
  const beside = spec.file === undefined;
  const jsonFile =
    spec.file === undefined
      ? parameterSetFileBeside(file.file)
      : resolve(context.baseDir, spec.file.value);
  try {
    const parameterSets = await context.parameterSets(jsonFile, spec.file?.at ?? spec.at);
    const picked = pickParameterSets(parameterSets, spec.sets);
    problems.push(...picked.problems);
    return picked.sets.map((set) => {
      const typed = parameterSetVariables(set, defaults, file.file);
      problems.push(...typed.problems);
      return { file: jsonFile, name: set.name, beside, variables: typed.variables };
    });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
    return [];
  }
}
