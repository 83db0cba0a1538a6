import { basename } from 'node:path';
import type {
  ConfigLocation,
  ModuleEntry,
  ParamSetsSpec,
  PartSettings,
  VariantSpec,
} from '../config/project-config.js';
import type { ModelSpec } from '../discovery/classic-project.js';
import { declaredModules } from '../discovery/declared-modules.js';
import { findLibraryPaths } from '../discovery/find-library-paths.js';
import type { ModuleDeclaration } from '../discovery/list-modules.js';
import { programScope } from '../discovery/program-scope.js';
import type { ConfigProblem } from '../errors.js';
import { defined } from '../util/defined.js';
import { fileBase } from './describe-part.js';
import { leakingGeometryWarning } from './leaking-geometry-warning.js';
import type { ScadFileInfo } from './load-scad-file.js';
import { moduleVariants } from './module-variants.js';
import type { ModuleVariant } from './module-variants.js';
import { defaultOutputTemplate } from './output-template.js';
import type { PartDraft } from './part-draft.js';
import { partName } from './part-name.js';
import type { PartRequest, PlanContext } from './part-request.js';
import { defaultQuality } from './plan-jobs.js';
import { resolveSettings } from './resolve-settings.js';

/** Formats of a part whose config and markers name none. */
const builtinFormats = ['stl'];

/**
 * The parts one request (a `files:` entry, or a command-line path) asks of one of its files.
 *
 * - `marked`: one part per module carrying `//render.model.*` markers, with the markers'
 *   formats unless the entry sets `formats` (then the entry's win; `defaults` do not override
 *   markers). Their mode is `include` when the file has the classic `batch_rendering` guard — the
 *   classic way, where the file's top-level variables and `$fn` are part of the program and the
 *   guard keeps its demo geometry out — and `use` when it has none, since including an unguarded
 *   file would add its top-level geometry to every part while `use` never runs it (and `-D`
 *   still reaches its variables). A file without markers is rendered whole (a `mode` setting
 *   does not apply to it). Marked parts are requested at their first marker.
 * - `whole`: the file's own top-level geometry, as it is; `mode` does not apply.
 * - a module list: those modules, which must be declared at the top level of the file or of a
 *   file it includes (or, in `include` mode, uses), in `use` mode unless a setting says otherwise, one part per customizer set and matrix combination.
 *
 * Settings come from the module entry, else the file entry, else `defaults`. Built-in quality
 * when none of them sets one: the file's `//render.quality N` as `$fn`, else `$fn = 95` for
 * marked modules of a marker project (`PlanContext.classicQuality`, as the classic tool did)
 * and nothing otherwise, so the file's own `$fn`/`$fa`/`$fs` or OpenSCAD's defaults apply.
 */
export async function draftFileParts(
  request: PartRequest,
  file: ScadFileInfo,
  context: PlanContext,
): Promise<{ drafts: PartDraft[]; problems: ConfigProblem[] }> {
  const problems: ConfigProblem[] = [];
  const fileSettings = resolveSettings(request.settings, context.defaults);
  const requestedAt = request.path.at ?? request.modulesAt ?? { file: file.file, line: 1 };
  const cliSets = commandLineSets(file, context);
  const fileVariants: VariantSpec = {
    ...request.variants,
    ...(cliSets === undefined ? {} : { paramsets: cliSets }),
  };
  const whole = async (): Promise<PartDraft[]> => {
    const { variants, problems: found } = await moduleVariants(fileVariants, file, context);
    problems.push(...found);
    return variants.map((variant) => wholeDraft(file, variant, fileSettings, requestedAt, context));
  };
  if (request.modules === 'whole') {
    const mode = request.settings.mode;
    if (mode !== undefined) {
      problems.push({
        message: 'mode does not apply to modules: whole, which renders the file as it is',
        location: mode.at,
        hint: 'remove mode, or list the modules to render',
      });
    }
    return { drafts: await whole(), problems };
  }
  if (request.modules === 'marked') {
    problems.push(...file.scan.problems);
    for (const warning of file.scan.warnings) context.onWarning?.(warning);
    if (file.scan.models.length === 0) return { drafts: await whole(), problems };
    const leak = fileSettings.mode === undefined ? await file.leakingGeometry() : undefined;
    if (leak !== undefined) context.onWarning?.(leakingGeometryWarning(file.file, leak));
    const mode =
      fileSettings.mode?.value ?? (file.hasGuard && leak === undefined ? 'include' : 'use');
    const declarations = new Map(
      file.scan.models.map((model) => [model, declarationOf(file, model)] as const),
    );
    const { variants, problems: found } = await moduleVariants(fileVariants, file, context, [
      ...declarations.values(),
    ]);
    problems.push(...found);
    const drafts = file.scan.models.flatMap((model) =>
      variants.map((variant) =>
        markedDraft(
          file,
          model,
          declarations.get(model),
          variant,
          mode,
          request.settings,
          fileSettings,
          context,
        ),
      ),
    );
    return { drafts: drafts.filter(includable(file, problems, request)), problems };
  }
  problems.push(...variantsOfListedFile(request.variants));
  const drafts: PartDraft[] = [];
  for (const written of request.modules) {
    const entry = cliSets === undefined ? written : { ...written, paramsets: cliSets };
    const listed = await listedDrafts(entry, request.settings, file, context);
    problems.push(...listed.problems);
    drafts.push(...listed.drafts);
  }
  return { drafts: drafts.filter(includable(file, problems, request)), problems };
}

/** The command line's parameter sets, when they apply to this file. */
function commandLineSets(file: ScadFileInfo, context: PlanContext): ParamSetsSpec | undefined {
  const values = context.commandLine;
  if (values?.paramsets === undefined) return undefined;
  return values.appliesTo === undefined || values.appliesTo(file.file)
    ? values.paramsets
    : undefined;
}

/** A file entry's variants cannot apply to a list of modules: each module entry has its own. */
function variantsOfListedFile(variants: VariantSpec | undefined): ConfigProblem[] {
  const written = [
    ...Object.values(variants?.params ?? {}),
    ...Object.values(variants?.matrix ?? {}),
  ].map((value) => value.at);
  const setsAt = variants?.paramsets?.at ?? variants?.paramsets?.file?.at;
  if (setsAt !== undefined) written.push(setsAt);
  const [first] = written;
  if (first === undefined) return [];
  return [
    {
      message:
        'params, paramsets and matrix of a file entry apply to whole files and marked modules, not to a list of modules',
      location: first,
      hint: 'give them under each module of the list, e.g. modules: [{name: lid, params: {…}}]',
    },
  ];
}

function wholeDraft(
  file: ScadFileInfo,
  variant: ModuleVariant,
  settings: PartSettings,
  requestedAt: ConfigLocation,
  context: PlanContext,
): PartDraft {
  return {
    name: partName(fileBase(file.file), variant.set?.name, variant.matrix),
    scadFile: file.file,
    mode: 'include',
    ...variantValues(variant),
    ...qualityOf(settings, file, false),
    ...formatsOf(settings, builtinFormats, requestedAt),
    output: outputOf(settings, context),
    declaredAt: { file: file.file, line: 1, column: 1 },
    requestedAt,
    ...overrides(settings),
    ...(variant.set === undefined ? {} : { paramSet: variant.set }),
  };
}

function markedDraft(
  file: ScadFileInfo,
  model: ModelSpec,
  declaration: ModuleDeclaration | undefined,
  variant: ModuleVariant,
  mode: PartDraft['mode'],
  entrySettings: PartSettings,
  settings: PartSettings,
  context: PlanContext,
): PartDraft {
  return {
    name: partName(model.module, variant.set?.name, variant.matrix),
    scadFile: file.file,
    module: model.module,
    mode,
    ...variantValues(variant, declaration),
    ...qualityOf(settings, file, context.classicQuality === true),
    // Only the entry's own formats beat the markers, not the config's defaults.
    ...formatsOf(entrySettings, model.formats, model.requestedAt),
    output: outputOf(settings, context),
    declaredAt: model.declaredAt,
    requestedAt: model.requestedAt,
    ...overrides(settings),
    ...(variant.set === undefined ? {} : { paramSet: variant.set }),
  };
}

/**
 * A variant's variables as OpenSCAD source, and as written for `{param.NAME}`; those the module
 * declares as parameters are also passed to it as arguments, since a parameter's own default
 * (`module lid(width = 10)`) would hide the top-level value inside the module.
 */
function variantValues(
  variant: ModuleVariant,
  declaration?: ModuleDeclaration,
): Pick<PartDraft, 'variables' | 'paramTexts' | 'arguments'> {
  const passed = (declaration?.parameters ?? [])
    .map((parameter) => parameter.name)
    .filter((name) => variant.variables.has(name));
  return {
    variables: Object.fromEntries(
      [...variant.variables].map(([variable, value]) => [variable, value.source]),
    ),
    paramTexts: new Map([...variant.variables].map(([variable, value]) => [variable, value.text])),
    ...(passed.length === 0 ? {} : { arguments: passed }),
  };
}

/** The declaration a marker belongs to: the top-level module of its name at its line. */
function declarationOf(file: ScadFileInfo, model: ModelSpec): ModuleDeclaration | undefined {
  return file.scan.modules.find(
    (module) =>
      module.name === model.module &&
      module.location.file === model.declaredAt.file &&
      module.location.line === model.declaredAt.line,
  );
}

async function listedDrafts(
  entry: ModuleEntry,
  entrySettings: PartSettings,
  file: ScadFileInfo,
  context: PlanContext,
): Promise<{ drafts: PartDraft[]; problems: ConfigProblem[] }> {
  const name = entry.name.value;
  const settings = resolveSettings(entry, entrySettings, context.defaults);
  const mode = settings.mode?.value ?? 'use';
  const found = (await lookUpModules(file, context))(name, mode, entry.name.at);
  if (!found.ok) return { drafts: [], problems: [found.problem] };
  const declaration = found.module.declaration;
  const { variants, problems } = await moduleVariants(entry, file, context, [declaration]);
  const drafts = variants.map((variant): PartDraft => ({
    name: partName(name, variant.set?.name, variant.matrix),
    scadFile: file.file,
    module: name,
    mode,
    ...variantValues(variant, declaration),
    ...qualityOf(settings, file, false),
    ...formatsOf(settings, builtinFormats, entry.name.at),
    output: outputOf(settings, context),
    declaredAt: declaration.location,
    requestedAt: entry.name.at,
    ...overrides(settings),
    ...(variant.set === undefined ? {} : { paramSet: variant.set }),
  }));
  return { drafts, problems };
}

const lookUps = new WeakMap<ScadFileInfo, Promise<ModuleLookUp>>();

type ModuleLookUp = ReturnType<typeof declaredModules>;

/**
 * Finds listed modules as OpenSCAD would from the part's program: in the file, the files it
 * includes and (in `include` mode) the files it uses; built once per file.
 */
function lookUpModules(file: ScadFileInfo, context: PlanContext): Promise<ModuleLookUp> {
  let lookUp = lookUps.get(file);
  if (lookUp === undefined) {
    const libraryPaths = context.libraryPaths ?? findLibraryPaths();
    lookUp = programScope(file.file, {
      libraryPaths,
      ...(context.sources === undefined ? {} : { sources: context.sources }),
    }).then(declaredModules);
    lookUps.set(file, lookUp);
  }
  return lookUp;
}

/** Keeps the parts whose file the generated program can name, with one problem per file that it cannot. */
function includable(
  file: ScadFileInfo,
  problems: ConfigProblem[],
  request: PartRequest,
): (draft: PartDraft) => boolean {
  const fileName = basename(file.file);
  // The program names the file in `include <…>` / `use <…>`, which have no escapes.
  if (!/[<>\n\r]/.test(fileName)) return () => true;
  problems.push({
    message: `the file name ${JSON.stringify(fileName)} cannot be written in an OpenSCAD include or use statement`,
    ...(request.path.at === undefined ? {} : { location: request.path.at }),
    hint: 'rename the file without <, > or line breaks, or render it whole',
  });
  return (draft) => draft.module === undefined;
}

/**
 * A part's quality and where it comes from: the settings' `quality`, else the file's
 * `//render.quality N` as `$fn`, else (for marked modules of a marker project) the classic
 * default `$fn = 95`, else nothing, so that the file's own `$fn`/`$fa`/`$fs` apply.
 */
function qualityOf(
  settings: PartSettings,
  file: ScadFileInfo,
  classicDefault: boolean,
): Pick<PartDraft, 'quality' | 'qualityFrom'> {
  const set = settings.quality?.value;
  if (settings.quality !== undefined && set !== undefined && Object.keys(set).length > 0) {
    return {
      quality: settings.quality.value,
      qualityFrom: { kind: 'config', file: settings.quality.at.file },
    };
  }
  if (file.scan.quality !== undefined) {
    return {
      quality: { $fn: file.scan.quality },
      qualityFrom: { kind: 'comment', file: file.file },
    };
  }
  if (settings.quality === undefined && classicDefault) {
    return { quality: { $fn: defaultQuality }, qualityFrom: { kind: 'classic-default' } };
  }
  return { quality: {}, qualityFrom: { kind: 'file' } };
}

function formatsOf(
  settings: PartSettings,
  fallback: readonly string[],
  fallbackAt: ConfigLocation,
): Pick<PartDraft, 'formats' | 'formatsAt'> {
  const formats = settings.formats;
  if (formats === undefined) return { formats: fallback, formatsAt: fallbackAt };
  return {
    formats: [...new Set(formats.value.map((format) => format.toLowerCase()))],
    formatsAt: formats.at,
  };
}

function outputOf(settings: PartSettings, context: PlanContext): PartDraft['output'] {
  const output = settings.output;
  return output === undefined
    ? { template: context.outputTemplate ?? defaultOutputTemplate }
    : { template: output.value, at: output.at };
}

function overrides(
  settings: PartSettings,
): Pick<PartDraft, 'timeoutSeconds' | 'engine' | 'backend' | 'stl'> {
  return defined({
    timeoutSeconds: settings.timeoutSeconds?.value,
    engine: settings.engine?.value,
    backend: settings.backend?.value,
    stl: settings.stl?.value,
  });
}
