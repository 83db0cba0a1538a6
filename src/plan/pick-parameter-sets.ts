import { basename } from 'node:path';
import type { MaybeLocated } from '../config/project-config.js';
import type { ConfigProblem } from '../errors.js';
import { didYouMean } from '../util/did-you-mean.js';
import type { ParameterSet, ParameterSets } from './customizer-sets.js';

/**
 * The sets a config entry asks for, in the order it names them (every set of the file, in file
 * order, when it names none), with a problem at each name the file does not hold. Set names are
 * compared exactly, as `openscad -P NAME` does.
 */
export function pickParameterSets(
  file: ParameterSets,
  wanted: readonly MaybeLocated<string>[] | undefined,
): { sets: ParameterSet[]; problems: ConfigProblem[] } {
  if (wanted === undefined) return { sets: [...file.sets.values()], problems: [] };
  const sets: ParameterSet[] = [];
  const problems: ConfigProblem[] = [];
  const names = [...file.sets.keys()];
  for (const name of wanted) {
    const set = file.sets.get(name.value);
    if (set !== undefined) {
      sets.push(set);
      continue;
    }
    const guess = didYouMean(name.value, names);
    problems.push({
      message: `${basename(file.file)} has no parameter set "${name.value}"`,
      ...(name.at === undefined ? {} : { location: name.at }),
      hint:
        guess === undefined
          ? `its sets: ${names.map((set) => `"${set}"`).join(', ')}`
          : `did you mean "${guess}"?`,
    });
  }
  return { sets, problems };
}
