import { resolve } from 'node:path';
import { ParascadError } from '../errors.js';
import { markDefine, parseDefine } from '../plan/parse-define.js';
import type { Define } from '../plan/parse-define.js';
import type { CommandLineValues } from '../plan/part-request.js';
import type { RenderOptions } from './render-options.js';

/**
 * The part values of a run's options (`-D`, `-p`, `-P`) in the planner's terms: definitions
 * checked to be one OpenSCAD expression each (a `ParascadError` with code `USAGE`, marking the
 * offending column, otherwise), and the parameter set file resolved against `cwd`. Undefined
 * when the options give none.
 */
export function commandLineValues(
  options: Pick<RenderOptions, 'defines' | 'paramSetFile' | 'paramSets'>,
  cwd: string,
  appliesTo?: (scadFile: string) => boolean,
): CommandLineValues | undefined {
  const defines: Define[] = [];
  for (const text of options.defines ?? []) {
    const parsed = parseDefine(text);
    if (!('name' in parsed)) {
      throw new ParascadError(
        'USAGE',
        markDefine(text, parsed),
        "give one OpenSCAD expression, as openscad -D does: -D size=30, -D 'label=\"big\"', -D 'v=[1, 2]'",
      );
    }
    defines.push(parsed);
  }
  const wantsSets = options.paramSetFile !== undefined || options.paramSets !== undefined;
  if (defines.length === 0 && !wantsSets) return undefined;
  return {
    ...(defines.length === 0 ? {} : { defines }),
    ...(wantsSets
      ? {
          paramsets: {
            ...(options.paramSetFile === undefined
              ? {}
              : { file: { value: resolve(cwd, options.paramSetFile) } }),
            ...(options.paramSets === undefined
              ? {}
              : { sets: options.paramSets.map((value) => ({ value })) }),
          },
        }
      : {}),
    ...(appliesTo === undefined ? {} : { appliesTo }),
  };
}
