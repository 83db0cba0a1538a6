import type { EngineChoice } from '../engines/choose-engine.js';
import type { OpenScadCapabilities } from '../engines/native/probe-openscad.js';
import { explainEngineChoice } from '../engines/explain-engine-choice.js';
import { measureEngineRatios, type EngineRatios } from '../engines/measure-engine-ratios.js';
import { resolveNative, type NativeResolution } from '../engines/resolve-native.js';
import type { RenderJob } from '../plan/render-job.js';
import type { RunPlan } from './plan-run.js';
import { readModifiedTimes } from './read-modified-times.js';
import type { EnginePreference, RenderOptions } from './render-options.js';
import { cannotExport, choosePartEngine } from './start-engines.js';

/** Which engines a run may use, and the one each part starts on. */
export interface RunEngines {
  readonly native: NativeResolution;
  /** The user's `--engine`, else the part's own setting, else `auto`. */
  readonly preferenceOf: (job: RenderJob) => EnginePreference;
  /** Each part's engine by job id; a part that falls back to another engine is moved here. */
  readonly choices: Map<string, EngineChoice>;
  readonly choiceOf: (job: RenderJob) => EngineChoice;
  /** The engine line for these parts (the ones a run renders): which engine was picked and why. */
  readonly explain: (jobs: readonly RenderJob[]) => string;
  /** How the engines compare on this project's parts; undefined without a native engine. */
  readonly ratios?: EngineRatios;
}

/**
 * Phase one of a run: find (and probe) the native engine as far as the parts' preferences need
 * it, then pick each part's engine — the user's, or the `auto` rule's.
 */
export async function resolveRunEngines(
  project: RunPlan,
  options: RenderOptions,
  probe?: (binary: string) => Promise<OpenScadCapabilities>,
): Promise<RunEngines> {
  const { jobs, history } = project;
  const preferenceOf = (job: RenderJob): EnginePreference => options.engine ?? job.engine ?? 'auto';
  const native = await resolveNative({
    // The hybrid route evaluates on the native engine: it needs one as much as `native` does.
    preference: jobs.some((job) => ['native', 'hybrid'].includes(preferenceOf(job)))
      ? 'native'
      : jobs.every((job) => preferenceOf(job) === 'wasm')
        ? 'wasm'
        : 'auto',
    explicitPath: options.openscad,
    configPath: project.openscadPath,
    configFile: project.configFile,
    env: options.env,
    probe,
  });
  // How the engines compare on this project's parts, and the failures still current (a part's
  // failures older than its file's last change are stale: the model may have been fixed).
  const nativeBackend = native.native?.info.backend;
  const ratios =
    nativeBackend === undefined ? undefined : measureEngineRatios(history.all(), nativeBackend);
  const modified = await readModifiedTimes(jobs.map((job) => job.scadFile));
  const choices = new Map(
    jobs.map((job) => {
      const formats = job.outputs.map((output) => output.format);
      const since = modified.get(job.scadFile);
      const failures = history.failuresOf(job.id, since);
      return [
        job.id,
        choosePartEngine(preferenceOf(job), native, history.get(job.id), formats, {
          failures,
          ...(ratios === undefined ? {} : { ratios }),
          hybrid: {
            available: cannotExport(native, 'hybrid', formats) === undefined,
            verdict: history.hybridVerdictOf(job.id, since),
            failed: failures.hybrid !== undefined,
          },
        }),
      ];
    }),
  );
  const choiceOf = (job: RenderJob): EngineChoice => {
    const choice = choices.get(job.id);
    if (choice === undefined) throw new Error(`no engine chosen for ${job.id}`);
    return choice;
  };
  return {
    native,
    preferenceOf,
    choices,
    choiceOf,
    explain: (rendered) =>
      explainEngineChoice({
        preference: commonPreference(rendered.map(preferenceOf)),
        native: native.native?.info,
        nativeUnavailable: native.unavailable,
        choices: rendered.map(choiceOf),
      }),
    ...(ratios === undefined ? {} : { ratios }),
  };
}

/** The preference all parts share, or `auto` when they differ, for the engine line. */
function commonPreference(preferences: readonly EnginePreference[]): EnginePreference {
  const [first] = preferences;
  return first !== undefined && preferences.every((preference) => preference === first)
    ? first
    : 'auto';
}
