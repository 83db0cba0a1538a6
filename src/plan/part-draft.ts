import type { ConfigLocation } from '../config/project-config.js';
import type { SourceLocation } from '../diagnostics/diagnostic.js';
import type { Quality, QualitySource, RenderJob } from './render-job.js';

/** A part before its outputs and id: what one file entry asks of one file. */
export interface PartDraft {
  readonly name: string;
  readonly scadFile: string;
  readonly module?: string;
  readonly mode: RenderJob['mode'];
  /** Variable → OpenSCAD source. */
  readonly variables: Readonly<Record<string, string>>;
  /** Variables the module call passes on as arguments (see `RenderJob.arguments`). */
  readonly arguments?: readonly string[];
  /** Variable → the value as written, for `{param.NAME}`. */
  readonly paramTexts: ReadonlyMap<string, string>;
  readonly quality: Quality;
  readonly qualityFrom: QualitySource;
  /** Lower-case export suffixes, each once. */
  readonly formats: readonly string[];
  /** Where the formats were asked for: a config value, or the module's first marker. */
  readonly formatsAt: ConfigLocation;
  /** The output path template, and where it was written (nowhere for the default). */
  readonly output: { readonly template: string; readonly at?: ConfigLocation };
  readonly declaredAt: SourceLocation;
  readonly requestedAt: SourceLocation;
  readonly timeoutSeconds?: number;
  readonly engine?: RenderJob['engine'];
  readonly backend?: RenderJob['backend'];
  readonly stl?: RenderJob['stl'];
  readonly paramSet?: RenderJob['paramSet'];
}
