import { basename } from 'node:path';
import { ConfigError, ParascadError } from '../errors.js';
import type { ConfigProblem } from '../errors.js';
import { readParameterSets } from './customizer-sets.js';
import type { ParameterSets } from './customizer-sets.js';
import { draftFileParts } from './draft-file-parts.js';
import { expandFilePattern } from './expand-file-pattern.js';
import { finishParts } from './finish-parts.js';
import { SourceFiles } from '../discovery/source-files.js';
import { loadScadFile } from './load-scad-file.js';
import type { ScadFileInfo } from './load-scad-file.js';
import type { PartDraft } from './part-draft.js';
import type { CommandLineValues, PartRequest, PlanContext } from './part-request.js';
import type { RenderJob } from './render-job.js';

/**
 * The parts a list of requests asks for, in request order and, within a request, in file path
 * order. A file that several requests match gives the parts of each. Every problem — in the
 * requests, the scad files' markers, the customizer files, the output paths — is collected and
 * thrown together as one `ConfigError`, before anything renders; no part at all is a
 * `ParascadError` with code `NOTHING_TO_RENDER`.
 */
export async function planRequests(
  requests: readonly PartRequest[],
  context: Omit<PlanContext, 'parameterSets'>,
): Promise<RenderJob[]> {
  const problems: ConfigProblem[] = [];
  const drafts: PartDraft[] = [];
  const warned = new Set<string>();
  const onWarning = context.onWarning;
  const parameterSets = new Map<string, Promise<ParameterSets>>();
  const sources = context.sources ?? new SourceFiles();
  const shared: PlanContext = {
    ...context,
    sources,
    // Keyed by the place too: each config value naming a missing file gets its own problem.
    parameterSets: (jsonFile, at) => {
      const key = JSON.stringify([jsonFile, at]);
      const read = parameterSets.get(key) ?? readParameterSets(jsonFile, at);
      parameterSets.set(key, read);
      return read;
    },
    onWarning: (warning) => {
      const key = problemKey(warning);
      if (warned.has(key)) return;
      warned.add(key);
      onWarning?.(warning);
    },
  };
  const files = new Map<string, Promise<ScadFileInfo>>();
  for (const request of requests) {
    const expanded = await expandFilePattern(request.path, request.exclude, context.baseDir);
    problems.push(...expanded.problems);
    for (const path of expanded.files) {
      if (!files.has(path)) files.set(path, loadScadFile(path, sources));
      const file = await files.get(path)?.catch((error: unknown) => {
        problems.push({
          message: `${basename(path)} cannot be read (${(error as Error).message})`,
          ...(request.path.at === undefined ? {} : { location: request.path.at }),
        });
        return undefined;
      });
      if (file === undefined) continue;
      const drafted = await draftFileParts(request, file, shared);
      problems.push(...drafted.problems);
      drafts.push(...drafted.drafts.map((draft) => withDefines(draft, context.commandLine)));
    }
  }
  const finished = finishParts(drafts, shared);
  problems.push(...finished.problems);
  if (problems.length > 0) throw new ConfigError(unique(problems));
  if (finished.jobs.length === 0) {
    throw new ParascadError(
      'NOTHING_TO_RENDER',
      'No part to render',
      'List files under "files:" with the modules to render, or mark modules with //render.model.stl',
    );
  }
  return finished.jobs;
}

/** A part with the command line's `-D` values, which win over its params, set and matrix. */
function withDefines(draft: PartDraft, commandLine: CommandLineValues | undefined): PartDraft {
  const defines = commandLine?.defines ?? [];
  if (defines.length === 0) return draft;
  const paramTexts = new Map(draft.paramTexts);
  for (const { name, source } of defines) paramTexts.set(name, source);
  return {
    ...draft,
    variables: {
      ...draft.variables,
      ...Object.fromEntries(defines.map(({ name, source }) => [name, source])),
    },
    paramTexts,
  };
}

/** Drops repeats: a shared customizer file or marker problem is met once per entry that uses it. */
function unique(problems: readonly ConfigProblem[]): ConfigProblem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = problemKey(problem);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function problemKey(problem: ConfigProblem): string {
  return JSON.stringify([problem.message, problem.location, problem.hint]);
}
