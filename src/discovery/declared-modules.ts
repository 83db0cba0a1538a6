import { basename } from 'node:path';
import type { ConfigProblem } from '../errors.js';
import { didYouMean } from '../util/did-you-mean.js';
import { listModules } from './list-modules.js';
import type { ModuleDeclaration } from './list-modules.js';
import type { ProgramScope, ScopeFile } from './program-scope.js';
import { nestedModuleProblem } from './scan-annotations.js';

/** A module a program can see, and how its file reaches the program. */
export interface DeclaredModule {
  readonly declaration: ModuleDeclaration;
  readonly via: ScopeFile['via'];
}

/** The modules a part can call, or why it cannot call the one asked for. */
export type ModuleLookup =
  | { readonly ok: true; readonly module: DeclaredModule }
  | { readonly ok: false; readonly problem: ConfigProblem };

type ProblemLocation = NonNullable<ConfigProblem['location']>;

/**
 * Modules "declared in" a file, as OpenSCAD finds them from a program that includes it: its own,
 * those of every file it includes (recursively), and those of the files those use directly.
 * Returns a lookup that, for a program that `use`s the file instead, leaves the used files out
 * (`use` is not transitive). A module declared in several files is found where it is declared
 * first: the main file, then the included files, then the used ones.
 */
export function declaredModules(
  scope: ProgramScope,
): (name: string, mode: 'include' | 'use', at: ProblemLocation) => ModuleLookup {
  const files = [...scope.included, ...scope.used];
  const modules = files.flatMap((file) =>
    listModules(file.source, file.file, file.tokens).map((declaration): DeclaredModule => ({
      declaration,
      via: file.via,
    })),
  );
  const main = scope.included[0]?.file ?? '';
  return (name, mode, at) => {
    const named = modules.filter((module) => module.declaration.name === name);
    const visible = named.filter((module) => mode === 'include' || module.via !== 'use');
    const found = visible.find((module) => module.declaration.topLevel);
    if (found !== undefined) return { ok: true, module: found };
    const nested = visible[0];
    if (nested !== undefined) {
      return { ok: false, problem: nestedModuleProblem(nested.declaration, at) };
    }
    const onlyUsed = named.find((module) => module.declaration.topLevel);
    if (onlyUsed !== undefined) {
      const usedFile = basename(onlyUsed.declaration.location.file);
      return {
        ok: false,
        problem: {
          message: `module "${name}" is declared in ${usedFile}, which ${basename(main)} uses: a part rendered in use mode cannot call it (use is not transitive)`,
          location: at,
          hint: 'render it in include mode (mode: include)',
        },
      };
    }
    const callable = [
      ...new Set(
        modules
          .filter((module) => module.declaration.topLevel)
          .filter((module) => mode === 'include' || module.via !== 'use')
          .map((module) => module.declaration.name),
      ),
    ];
    const guess = didYouMean(name, callable);
    const shown = callable.slice(0, 10).join(', ') + (callable.length > 10 ? ', …' : '');
    return {
      ok: false,
      problem: {
        message: `module "${name}" is not declared in ${basename(main)}`,
        location: at,
        hint: [
          // A file that includes and uses nothing needs no list of where parascad looked.
          ...(files.length > 1 ? [`looked in ${whereLooked(files, mode)}`] : []),
          guess !== undefined
            ? `did you mean ${guess}?`
            : callable.length === 0
              ? `${files.length > 1 ? 'they declare' : `${basename(main)} declares`} no top-level modules`
              : `modules declared there: ${shown}`,
        ].join('; '),
      },
    };
  };
}

/** `a.scad, in the files it includes (b.scad, c.scad) and in those they use (lib.scad)`. */
function whereLooked(files: readonly ScopeFile[], mode: 'include' | 'use'): string {
  const names = (via: ScopeFile['via']): string =>
    files
      .filter((file) => file.via === via)
      .map((file) => basename(file.file))
      .join(', ');
  const included = names('include');
  const used = mode === 'include' ? names('use') : '';
  return [
    names('main'),
    ...(included === '' ? [] : [`in the files it includes (${included})`]),
    ...(used === '' ? [] : [`in those they use (${used})`]),
  ].join(', ');
}
