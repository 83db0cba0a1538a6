import { isAbsolute, relative, sep } from 'node:path';
import { isWarning } from '../documents/build-run-report.js';
import type { RunReport } from '../documents/run-report.js';
import { workflowCommand } from './workflow-command.js';

type Place = NonNullable<RunReport['parts'][number]['failure']>['location'];

interface Annotation {
  readonly level: 'error' | 'warning';
  readonly title: string;
  readonly message: string;
  readonly place: Place;
}

/**
 * The run's problems as GitHub Actions annotations, one workflow command per line: an `error` for
 * each failed part at the user's `file:line`, a `warning` for each warning OpenSCAD or the
 * configuration gave (once, however many parts share the include that printed it). Paths are
 * relative to `workspace` (`GITHUB_WORKSPACE`), as GitHub matches them to the repository.
 */
export function githubAnnotations(report: RunReport, workspace: string): string[] {
  const annotations: Annotation[] = [];
  const { error } = report.run;
  if (error !== undefined) {
    // A configuration error's message only counts its problems: each is said at its place.
    const problems = error.problems.length > 0 ? error.problems : [error];
    for (const problem of problems) {
      annotations.push({
        level: 'error',
        title: 'parascad could not run',
        message: [problem.message, problem.hint].filter(Boolean).join('\n'),
        place: 'location' in problem ? problem.location : undefined,
      });
    }
  }
  for (const warning of report.warnings) {
    annotations.push({
      level: 'warning',
      title: 'parascad',
      message: [warning.message, warning.hint].filter(Boolean).join('\n'),
      place: warning.location,
    });
  }
  for (const part of report.parts) {
    if (part.status === 'failed' && part.failure !== undefined) {
      annotations.push({
        level: 'error',
        title: `${part.name} failed`,
        message: part.failure.message,
        place: part.failure.location,
      });
    }
  }
  for (const part of report.parts) {
    for (const diagnostic of part.diagnostics.filter(isWarning)) {
      annotations.push({
        level: 'warning',
        title: `warning in ${part.name}`,
        message: diagnostic.message,
        place: diagnostic.location,
      });
    }
  }
  const seen = new Set<string>();
  return annotations.flatMap((annotation) => {
    // The first of the same message at the same place wins: a failure before its warning.
    const key = `${annotation.place?.file ?? ''}\n${annotation.place?.line ?? ''}\n${annotation.message}`;
    if (seen.has(key)) return [];
    seen.add(key);
    return [
      workflowCommand(
        annotation.level,
        {
          file:
            annotation.place === undefined
              ? undefined
              : inWorkspace(annotation.place.file, workspace),
          line: annotation.place?.line,
          col: annotation.place?.column,
          title: annotation.title,
        },
        annotation.message,
      ),
    ];
  });
}

function inWorkspace(file: string, workspace: string): string {
  const inside = relative(workspace, file);
  return inside.startsWith('..') || isAbsolute(inside) ? file : inside.split(sep).join('/');
}
