import pc from 'picocolors';
import { formatSourceLine } from './format-source-line.js';
import type { FailureReason } from '../run/part-result.js';
import type { RunEvent } from '../run/run-event.js';
import { unreachable } from '../util/unreachable.js';
import { describeFailure } from './describe-failure.js';
import { describeStopping } from './describe-stopping.js';
import { formatConfigWarning } from './format-config-error.js';
import { formatPartResult, formatsOf } from './format-part-result.js';
import { formatChanges } from './format-changes.js';
import { formatSummary } from './format-summary.js';
import { nameColumnFor } from './fit-name-column.js';

/** What the stable lines of a run show. */
export interface LineFormatterOptions {
  readonly cwd: string;
  readonly color: boolean;
  readonly verbose: boolean;
  /** Only failed and cancelled parts, warnings, the stopping notice and the summary. */
  readonly quiet: boolean;
  /** The run's `--retries`, for the `2/3` of a retry line. */
  readonly retries?: number;
}

/**
 * The lines a run leaves in the terminal or the log, shared by the plain and the live reporter so
 * both read the same: the engine choice, a line per finished part with its diagnostics, retries,
 * the stopping notice and the summary. Returns the lines for one event (often none), without
 * newlines; remembers the column widths from `run-start`.
 */
export function createLineFormatter(options: LineFormatterOptions): (event: RunEvent) => string[] {
  const colors = pc.createColors(options.color);
  let nameWidth = 0;
  let formatWidth = 0;
  // Parts a stop kept from starting: the first few are listed, the rest counted (a Ctrl-C in a
  // sweep of thousands printed a line for each).
  let notStarted = 0;

  return (event) => {
    switch (event.type) {
      case 'run-start': {
        nameWidth = nameColumnFor(event.jobs.map((job) => job.name));
        formatWidth = Math.max(0, ...event.jobs.map((job) => formatsOf(job).length));
        if (options.quiet) return [];
        return [
          ...(event.source === undefined ? [] : [formatSourceLine(event.source, event.jobs)]),
          colors.bold(event.engines.explanation),
          colors.dim(renderingLine(event.jobs.length, event.cached ?? 0, event.concurrency)),
        ];
      }
      case 'warning':
        return [formatConfigWarning(event.problem, { cwd: options.cwd, color: options.color })];
      case 'part-start': {
        if (!options.verbose || options.quiet) return [];
        const attempt = event.attempt > 1 ? `, attempt ${event.attempt}` : '';
        return [
          colors.dim(
            `  started ${event.job.name} on ${event.engine} (${event.reason})${attempt}${event.where === undefined ? '' : ` on ${event.where}`}`,
          ),
        ];
      }
      case 'part-retry': {
        if (options.quiet) return [];
        const next = event.attempt + 1;
        const again =
          event.nextEngine !== undefined
            ? `trying again on the ${event.nextEngine} engine`
            : `trying again (${options.retries === undefined ? `attempt ${next}` : `${next}/${options.retries + 1}`})`;
        return [
          `${colors.yellow('↻')} ${event.job.name} ${describeRetried(event.failure)}, ${again}`,
        ];
      }
      case 'part-done':
        if (options.quiet && event.result.status === 'ok') return [];
        if (event.result.status === 'cancelled' && event.result.attempts === 0) {
          notStarted += 1;
          if (notStarted > notStartedListed) return [];
        }
        return formatPartResult(event.result, { ...options, nameWidth, formatWidth });
      case 'stopping':
        return [colors.yellow(describeStopping(event.reason, event.running))];
      case 'run-done':
        return [
          ...(notStarted > notStartedListed
            ? [
                colors.yellow(
                  `- and ${plural(notStarted - notStartedListed, 'more part')} that never started (cancelled)`,
                ),
              ]
            : []),
          ...formatSummary(event.summary, options),
          ...(event.summary.changes === undefined
            ? []
            : formatChanges(event.summary.changes, event.summary.results, options)),
        ];
      case 'run-error':
        // The CLI prints setup errors itself, in one place.
        return [];
      default:
        return unreachable(event);
    }
  };
}

/** How many of the parts a stop kept from starting get a line of their own. */
const notStartedListed = 5;

/** Why a try failed, as the retry line says it: `crashed (…)`, `stopped after the 30s timeout`. */
function describeRetried(failure: FailureReason): string {
  const said =
    failure.kind === 'engine-crash' ? `crashed (${failure.message})` : describeFailure(failure);
  return said.replace(/\.$/, '');
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** What the run does with its parts: how many it renders, with how many workers, and the cached. */
function renderingLine(parts: number, cached: number, workers: number): string {
  if (cached === parts)
    return `taking ${cached === 1 ? 'the part' : `all ${parts} parts`} from the cache`;
  const rendering = `rendering ${plural(parts - cached, 'part')} with ${plural(workers, 'worker')}`;
  return cached === 0 ? rendering : `${rendering}, ${cached} from the cache`;
}
