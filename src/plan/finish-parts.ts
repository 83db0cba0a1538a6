import { dirname, join, relative, sep } from 'node:path';
import { unknownSuffixProblem } from '../discovery/scan-annotations.js';
import type { ConfigProblem } from '../errors.js';
import { defined } from '../util/defined.js';
import { checkOutputs } from './check-outputs.js';
import { checkPartIds } from './check-part-ids.js';
import { fileBase } from './describe-part.js';
import { findExportFormat } from './export-formats.js';
import { renderOutputTemplate } from './output-template.js';
import type { PartDraft } from './part-draft.js';
import { partId } from './part-id.js';
import type { PlanContext } from './part-request.js';
import type { PlannedOutput, RenderJob } from './render-job.js';

/**
 * Turns drafts into parts: checks their formats (known to OpenSCAD, of one dimension, and of
 * the dimension the part last rendered as), gives them ids, renders their output paths from
 * their templates, and checks that no two outputs share a path and no part is asked for twice.
 * A template's own mistake is reported once, not once per part.
 */
export function finishParts(
  drafts: readonly PartDraft[],
  context: Pick<PlanContext, 'projectDir' | 'outDir' | 'dimensionOf' | 'commandLine'>,
): { jobs: RenderJob[]; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const reported = new Set<string>();
  const jobs: RenderJob[] = [];
  const setOfId = new Map<string, string>();
  for (const draft of drafts) {
    const formatProblems = checkFormats(draft);
    const core = {
      scadFile: draft.scadFile,
      ...defined({ module: draft.module, backend: draft.backend }),
      mode: draft.mode,
      variables: draft.variables,
      quality: draft.quality,
    };
    const id = distinctSetId(partId(context.projectDir, core), draft.paramSet?.name, setOfId);
    const dimension = context.dimensionOf?.(id);
    if (formatProblems.length === 0 && dimension !== undefined) {
      formatProblems.push(...checkDimension(draft, dimension));
    }
    problems.push(...formatProblems);

    const outputs: PlannedOutput[] = [];
    for (const format of draft.formats) {
      const rendered = renderOutputTemplate(draft.output.template, {
        dir: relative(context.projectDir, dirname(draft.scadFile)).split(sep).join('/') || '.',
        file: fileBase(draft.scadFile),
        module: draft.module ?? fileBase(draft.scadFile),
        set: draft.paramSet?.name ?? '',
        name: draft.name,
        format,
        params: draft.paramTexts,
      });
      if ('path' in rendered) {
        outputs.push({ format, path: join(context.outDir, rendered.path) });
        continue;
      }
      const location = draft.output.at;
      const key = JSON.stringify([rendered.problem.kind, location, draft.output.template]);
      if (reported.has(key)) continue;
      reported.add(key);
      problems.push({
        message: rendered.problem.message,
        ...defined({ location, hint: rendered.problem.hint }),
      });
    }

    jobs.push({
      ...core,
      id,
      name: draft.name,
      qualityFrom: draft.qualityFrom,
      outputs,
      declaredAt: draft.declaredAt,
      requestedAt: draft.requestedAt,
      ...defined({
        timeoutSeconds: draft.timeoutSeconds,
        engine: draft.engine,
        stl: draft.stl,
        paramSet: draft.paramSet,
      }),
      ...(draft.arguments === undefined || draft.arguments.length === 0
        ? {}
        : { arguments: draft.arguments }),
    });
  }
  const clashes = checkOutputs(jobs, context.projectDir);
  const defines = (context.commandLine?.defines ?? []).map((define) => define.name);
  problems.push(
    ...(clashes.length > 0 ? clashes : checkPartIds(jobs, context.projectDir, defines)),
  );
  return { jobs, problems };
}

/** Unknown formats, an empty list, and formats of both dimensions in one part. */
function checkFormats(draft: PartDraft): ConfigProblem[] {
  if (draft.formats.length === 0) {
    return [
      {
        message: 'formats is empty, so the part would produce nothing',
        location: draft.formatsAt,
        hint: 'list at least one export format, e.g. [stl]',
      },
    ];
  }
  const unknown = draft.formats.filter((format) => findExportFormat(format) === undefined);
  if (unknown.length > 0)
    return unknown.map((format) => unknownSuffixProblem(format, draft.formatsAt));
  const of = (dimension: '2d' | '3d'): string[] =>
    draft.formats.filter((format) => findExportFormat(format)?.dimension === dimension);
  const [solid, flat] = [of('3d'), of('2d')];
  if (solid.length === 0 || flat.length === 0) return [];
  return [
    {
      message: `${solid.join(', ')} (3D) and ${flat.join(', ')} (2D) cannot all be exported from one model, which is either 3D or 2D`,
      location: draft.formatsAt,
      hint: 'make the 2D drawing its own part (a module with projection(), say), with the 2D formats',
    },
  ];
}

/** Formats of the other dimension than the part's last render. */
function checkDimension(draft: PartDraft, dimension: '2d' | '3d'): ConfigProblem[] {
  const other = dimension === '2d' ? '3d' : '2d';
  const wrong = draft.formats.filter((format) => findExportFormat(format)?.dimension === other);
  if (wrong.length === 0) return [];
  return [
    {
      message: `${draft.name} rendered as a ${dimension.toUpperCase()} model last time, so it cannot be exported to ${wrong.join(', ')} (${other.toUpperCase()})`,
      location: draft.formatsAt,
      hint: `export it to ${dimension === '2d' ? 'dxf, svg or pdf' : 'stl, off, amf, 3mf, wrl or obj'}, or change the model`,
    },
  ];
}

/**
 * A part's id, told apart by its customizer set's name when another set already gave the same
 * values (a set copied in OpenSCAD's customizer and not yet changed, or one `-D` makes equal):
 * OpenSCAD renders both, each to its own file, so parascad does too, where the two were refused
 * as one part asked for twice.
 */
function distinctSetId(id: string, set: string | undefined, setOfId: Map<string, string>): string {
  if (set === undefined) return id;
  const earlier = setOfId.get(id);
  if (earlier === undefined) {
    setOfId.set(id, set);
    return id;
  }
  return earlier === set ? id : `${id}@${set}`;
}
