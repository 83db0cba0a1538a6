import type { ProgramScope, ScopeFile } from '../discovery/program-scope.js';
import { topLevelAssignments } from './top-level-assignments.js';
import type { TopLevelAssignment } from './top-level-assignments.js';

/** The special variables of curve resolution. */
export const resolutionVariables = ['$fn', '$fa', '$fs'] as const;

export type ResolutionVariable = (typeof resolutionVariables)[number];

/**
 * The `$fn`, `$fa` and `$fs` a program including the scope's main file runs with, as the file
 * (and the files it includes, expanded where their `include` stands) assign them at top level:
 * for each variable, the last assignment in that order, which is the one OpenSCAD uses.
 * Variables nobody assigns are missing (OpenSCAD's defaults apply).
 */
export function ownResolution(
  scope: ProgramScope,
): Partial<Record<ResolutionVariable, TopLevelAssignment>> {
  const byPath = new Map(scope.included.map((file) => [file.file, file]));
  const last: Partial<Record<ResolutionVariable, TopLevelAssignment>> = {};
  const expanding = new Set<string>();
  const walk = (file: ScopeFile): void => {
    if (expanding.has(file.file)) return;
    expanding.add(file.file);
    const items = [
      ...topLevelAssignments(file.source, file.file).map((assignment) => ({
        at: assignment.at,
        assignment,
      })),
      ...file.includes.map((include) => ({ at: include.at, include: include.file })),
    ].sort((a, b) => a.at.line - b.at.line || (a.at.column ?? 0) - (b.at.column ?? 0));
    for (const item of items) {
      if ('assignment' in item) {
        const name = item.assignment.name;
        if ((resolutionVariables as readonly string[]).includes(name)) {
          last[name as ResolutionVariable] = item.assignment;
        }
      } else {
        const included = byPath.get(item.include);
        if (included !== undefined) walk(included);
      }
    }
    expanding.delete(file.file);
  };
  const main = scope.included[0];
  if (main !== undefined) walk(main);
  return last;
}
