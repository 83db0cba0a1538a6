import type { ConfigProblem } from '../errors.js';
import { describePart, fileBase, projectPath } from './describe-part.js';
import type { PlannedOutput, RenderJob } from './render-job.js';

/** Options of {@link checkOutputs}. */
export interface CheckOutputsOptions {
  /**
   * Further files the run writes for an output (`--thumbnails`: `lid.stl.png`), checked like
   * the outputs themselves.
   * @default none
   */
  readonly alsoWrites?: (output: PlannedOutput) => readonly PlannedOutput[];
}

/**
 * A problem for each output path more than one output would write, before anything renders:
 * two parts, or two formats of one part. Paths are compared without regard to case, since
 * macOS and Windows file systems would make `Lid.stl` and `lid.stl` one file. Each problem
 * names every writer and sits where the last of them was asked for.
 */
export function checkOutputs(
  jobs: readonly RenderJob[],
  projectDir: string,
  options: CheckOutputsOptions = {},
): ConfigProblem[] {
  const writers = new Map<
    string,
    { job: RenderJob; format: string; path: string; extra: boolean }[]
  >();
  for (const job of jobs) {
    const written = job.outputs.flatMap((output) => [
      { ...output, extra: false },
      ...(options.alsoWrites?.(output) ?? []).map((also) => ({ ...also, extra: true })),
    ]);
    for (const { format, path, extra } of written) {
      const key = path.toLowerCase();
      writers.set(key, [...(writers.get(key) ?? []), { job, format, path, extra }]);
    }
  }
  const problems: ConfigProblem[] = [];
  for (const same of writers.values()) {
    const last = same.at(-1);
    if (last === undefined || same.length < 2) continue;
    // A further file is named as such: the part's own outputs do not have that path.
    const names = same.map(({ job, format, extra }) =>
      extra || same.filter((other) => other.job === job).length > 1
        ? `${describePart(job, projectDir)} as ${format}`
        : describePart(job, projectDir),
    );
    const paths = [...new Set(same.map(({ path }) => projectPath(path, projectDir)))];
    const [name] = names;
    const sets = [...new Set(same.flatMap(({ job }) => job.paramSet?.name ?? []))];
    if (
      name !== undefined &&
      names.every((other) => other === name) &&
      sets.length === same.length
    ) {
      // Customizer sets whose names differ only in what a part's name cannot keep.
      const template = apartInTemplate(sets.map((set) => [set]))
        ? ', or keep them apart in a parascad.config.yaml entry with output: "{module}-{set}.{format}"'
        : '';
      problems.push({
        message: `${name} is made by ${same.length} customizer sets whose names become one: ${sets.map((set) => JSON.stringify(set)).join(', ')} (a part's name keeps only letters, digits, ".", "-" and "_"); each would write ${paths.join(' and ')}`,
        location: last.job.requestedAt,
        hint: `rename one of the sets${template}`,
      });
      continue;
    }
    const collided = name === undefined ? undefined : collidedValues(same.map(({ job }) => job));
    if (name !== undefined && collided !== undefined && names.every((other) => other === name)) {
      const template = collided.apartInTemplate
        ? `, or an output template that keeps them apart, e.g. output: "{module}-${collided.variables.map((variable) => `{param.${variable}}`).join('-')}.{format}"`
        : '';
      problems.push({
        message: `${name} is made by ${same.length} parts whose values become one name: ${collided.described}; each would write ${paths.join(' and ')}`,
        location: last.job.requestedAt,
        hint: `give values that differ in letters, digits, ".", "-" or "_"${template}`,
      });
      continue;
    }
    if (name !== undefined && names.every((other) => other === name)) {
      problems.push({
        message: `${name} is asked for ${same.length === 2 ? 'twice' : `${same.length} times`}, each time writing ${paths.join(' and ')}`,
        location: last.job.requestedAt,
        hint: 'ask for it in one entry only, e.g. exclude its file from the other',
      });
      continue;
    }
    const target =
      paths.length === 1
        ? `${same.length === 2 ? 'both' : 'all'} write ${paths.join('')}`
        : `write ${joinAnd(paths)}, one file where case is not told apart (macOS, Windows)`;
    // Files of one name (to a file system that ignores case) in different folders.
    const files = new Set(same.map(({ job }) => job.scadFile));
    const oneName =
      files.size > 1 && new Set([...files].map((file) => fileBase(file).toLowerCase())).size === 1;
    problems.push({
      message: `${joinAnd(names)} would ${target}`,
      location: last.job.requestedAt,
      hint: oneName
        ? 'give them different output paths, e.g. output: "{dir}/{name}.{format}", which mirrors their folders'
        : 'give them different output paths, e.g. output: "{file}/{name}.{format}"',
    });
  }
  return problems;
}

function joinAnd(items: readonly string[]): string {
  return items.length < 2
    ? items.join('')
    : `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`;
}

/**
 * The variables whose values tell apart parts that got the same name (a name keeps only
 * `[A-Za-z0-9._-]` of a value: `"a b"` and `"a_b"` both become `a_b`), as `label = "a b", "a_b"`;
 * undefined when the parts set the same values (one part asked for twice).
 */
function collidedValues(jobs: readonly RenderJob[]):
  | {
      readonly variables: readonly string[];
      readonly described: string;
      /** Whether `{param.…}` placeholders of these variables would tell the parts apart. */
      readonly apartInTemplate: boolean;
    }
  | undefined {
  const variables = [...new Set(jobs.flatMap((job) => Object.keys(job.variables)))].filter(
    (variable) => new Set(jobs.map((job) => job.variables[variable])).size > 1,
  );
  if (variables.length === 0) return undefined;
  const described = variables
    .map((variable) => {
      const values = [...new Set(jobs.map((job) => job.variables[variable] ?? 'undef'))];
      return `${variable} = ${values.join(', ')}`;
    })
    .join('; ');
  const apart = apartInTemplate(
    jobs.map((job) => variables.map((variable) => asWritten(job.variables[variable] ?? ''))),
  );
  return { variables, described, apartInTemplate: apart };
}

/**
 * Whether these values (one list per part) stay apart in an output template, which replaces only
 * `/`, `\` and control characters (see `renderOutputTemplate`): `"a b"` and `"a_b"` do, `"a/b"`
 * and `"a\b"` do not.
 */
function apartInTemplate(values: readonly (readonly string[])[]): boolean {
  const kept = values.map((texts) =>
    JSON.stringify(texts.map((text) => text.replace(/[/\\\p{Cc}]/gu, '_'))),
  );
  return new Set(kept).size === values.length;
}

/** A value as `{param.…}` writes it: a string without its quotes and escapes. */
function asWritten(literal: string): string {
  if (!literal.startsWith('"')) return literal;
  try {
    return String(JSON.parse(literal));
  } catch {
    return literal;
  }
}
