import type { ConfigProblem } from '../errors.js';
import {
  listModules,
  type ModuleDeclaration,
  type ModuleParameter,
} from '../discovery/list-modules.js';
import { SourceFiles } from '../discovery/source-files.js';
import type { RenderJob } from './render-job.js';

/**
 * A warning for each rendered module whose header has parameters without a default. parascad
 * calls a module with no arguments (`box();`), so such a parameter is `undef` inside it, and
 * OpenSCAD renders on quietly (`cube(undef)` is a unit cube). One warning per module, at its first
 * parameter without a default. Files that cannot be read are skipped: planning has reported them.
 */
export async function missingArgumentsWarnings(
  jobs: readonly RenderJob[],
  sources: SourceFiles = new SourceFiles(),
): Promise<ConfigProblem[]> {
  const modulesOf = new Map<string, Promise<ModuleDeclaration[]>>();
  const declarations = (file: string): Promise<ModuleDeclaration[]> => {
    let found = modulesOf.get(file);
    if (found === undefined) {
      found = sources.source(file).then(
        ({ text, tokens }) => listModules(text, file, tokens),
        () => [],
      );
      modulesOf.set(file, found);
    }
    return found;
  };
  // One warning per declaration, about every part of it.
  const byDeclaration = new Map<string, RenderJob[]>();
  for (const job of jobs) {
    if (job.module === undefined) continue;
    const key = `${job.declaredAt.file}\0${job.declaredAt.line}\0${job.module}`;
    const parts = byDeclaration.get(key);
    if (parts === undefined) byDeclaration.set(key, [job]);
    else parts.push(job);
  }
  const warnings: ConfigProblem[] = [];
  for (const parts of byDeclaration.values()) {
    const [job] = parts;
    if (job?.module === undefined) continue;
    const declaration = (await declarations(job.declaredAt.file)).find(
      (candidate) =>
        candidate.name === job.module && candidate.location.line === job.declaredAt.line,
    );
    // A value a part's entry gives the parameter is passed as its argument (`RenderJob.arguments`).
    const lacking = (part: RenderJob): ModuleParameter[] =>
      declaration?.parameters.filter(
        (parameter) => !parameter.hasDefault && !(part.arguments ?? []).includes(parameter.name),
      ) ?? [];
    const missing = parts.filter((part) => lacking(part).length > 0);
    const required = [...new Set(missing.flatMap(lacking))];
    const [first] = required;
    if (first === undefined) continue;
    const names = [...new Set(required.map((parameter) => parameter.name))];
    const listed =
      names.length === 1
        ? names.join('')
        : `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
    const without = missing.every((part) => (part.arguments ?? []).length === 0)
      ? 'without arguments'
      : `without a value for ${listed}`;
    warnings.push({
      message: `${job.module}() is rendered ${without}, so ${listed} (no default) ${names.length === 1 ? 'is' : 'are'} undef in it`,
      location: { ...first.location, length: first.name.length },
      hint: `give ${names.length === 1 ? 'it a default' : 'them defaults'} in the header (${first.name} = …), give ${names.length === 1 ? 'it a value' : 'them values'} under params, or render a module that calls ${job.module}(…) with the values`,
      parts: missing.map((part) => part.id),
    });
  }
  return warnings;
}
