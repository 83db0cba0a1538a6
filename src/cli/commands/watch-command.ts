import { Command } from '@commander-js/extra-typings';
import { relative } from 'node:path';
import type { Reporter } from '../../report/reporter.js';
import type { WatchEvent } from '../../watch/watch-event.js';
import type { CliContext } from '../cli-context.js';
import { exitCodes } from '../exit-codes.js';
import { wholeNumberAtLeast } from '../options/parse-option-values.js';
import { withProjectOptions } from '../options/project-options.js';
import { renderOptionsOf, reporterOptionsOf, withRunOptions } from '../options/run-options.js';

/**
 * `parascad watch [targets...]`: renders, then renders again the parts a saved file reaches,
 * until Ctrl-C. Each round is reported as `render` reports a run.
 */
export function watchCommand(context: CliContext) {
  return withProjectOptions(
    withRunOptions(
      new Command('watch').description(
        'render, then render again the parts a saved file reaches, until Ctrl-C',
      ),
    ),
  )
    .option(
      '--debounce <ms>',
      'wait this long without a further change before rendering (default: 200)',
      wholeNumberAtLeast(0),
    )
    .action(async (args, options) => {
      // Loaded only when the command runs, so that `--help` and the other commands start fast.
      const reporting = reporterOptionsOf(context, options);
      const [createReporter, { watch }] = await Promise.all([
        import('../../report/create-reporter.js').then(({ loadReporter }) =>
          loadReporter(reporting),
        ),
        import('../../watch/watch-project.js'),
      ]);
      let reporter: Reporter | undefined;
      const closeReporter = (): void => {
        reporter?.close();
        reporter = undefined;
      };
      const say = (event: WatchEvent): void => {
        if (options.json === true) {
          context.stdout(`${JSON.stringify(event)}\n`);
          return;
        }
        const line = describeWatchEvent(event, context.cwd);
        if (line !== undefined) context.stdout(`${line}\n`);
      };
      try {
        await watch({
          ...renderOptionsOf(context, args, options),
          debounceMs: options.debounce,
          onWatchEvent: (event) => {
            if (event.type !== 'watch-round') closeReporter();
            say(event);
            if (event.type === 'watch-round') reporter = createReporter(reporting);
          },
          onEvent: (event) => {
            reporter?.onEvent(event);
          },
        });
      } finally {
        closeReporter();
      }
      context.setExitCode(
        context.stopSignal.aborted || context.signal.aborted ? exitCodes.interrupted : exitCodes.ok,
      );
    });
}

/** The line a person sees for a watch event (the rounds' own lines come from the reporter). */
function describeWatchEvent(event: WatchEvent, cwd: string): string | undefined {
  switch (event.type) {
    case 'watch-round': {
      if (event.round === 1) return undefined;
      const shown = event.changed.slice(0, 3).map((file) => relative(cwd, file));
      const more = event.changed.length > 3 ? ` and ${event.changed.length - 3} more` : '';
      const parts = `${event.parts.length} part${event.parts.length === 1 ? '' : 's'}`;
      return `\n${shown.join(', ')}${more} changed${event.replanned ? ' (plan changed)' : ''}: ${parts}`;
    }
    case 'watch-idle':
      return `watching ${event.files} file${event.files === 1 ? '' : 's'} the parts read and ${relative(cwd, event.folder) || '.'}/ · save to render again, Ctrl-C to stop`;
    case 'watch-error': {
      const problems = event.error.problems.map((problem) => {
        const at = problem.location;
        const place =
          at === undefined
            ? ''
            : `${relative(cwd, at.file)}:${at.line}${at.column === undefined ? '' : `:${at.column}`}: `;
        return `\n  ${place}${problem.message}`;
      });
      return `error: ${event.error.message}${problems.join('')}\n  waiting for the next change`;
    }
  }
}
