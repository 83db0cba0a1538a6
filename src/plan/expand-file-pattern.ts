import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { ConfigLocation } from '../config/project-config.js';
import type { ConfigProblem } from '../errors.js';
import { projectPath } from './describe-part.js';

/** A path or glob and where it was written (nowhere for a command-line argument). */
export interface FilePattern {
  readonly value: string;
  readonly at?: ConfigLocation;
}

/**
 * The `.scad` files a path or glob names, relative to `cwd`, without those any `exclude` glob
 * names, sorted by path so that parts come in the same order on every machine. A path that is
 * an existing file is taken literally, even with glob characters in its name; a folder stands
 * for everything under it. Matching nothing — no file at all, only other files, or only
 * excluded files — is a problem at the pattern.
 */
export async function expandFilePattern(
  pattern: FilePattern,
  exclude: readonly FilePattern[],
  cwd: string,
): Promise<{ files: string[]; problems: ConfigProblem[] }> {
  const literal = await stat(resolve(cwd, pattern.value)).then(
    (stats) => stats.isFile(),
    () => false,
  );
  const ignore = exclude.map((entry) => entry.value);
  // One file named, as every classic project does: nothing to glob.
  const matched =
    literal && ignore.length === 0
      ? [resolve(cwd, pattern.value)]
      : await globFiles(pattern.value, literal, cwd, ignore);
  const files = matched.filter(isScad).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (files.length > 0) return { files, problems: [] };

  const at = pattern.at === undefined ? {} : { location: pattern.at };
  const others = matched.filter((file) => !isScad(file));
  if (others.length > 0) {
    const shown = others.slice(0, 3).map((file) => projectPath(file, cwd));
    return {
      files,
      problems: [
        {
          message: `no .scad file matches ${pattern.value}`,
          ...at,
          hint: `it matches ${others.length === 1 ? 'only' : `${others.length} other files, such as`} ${shown.join(', ')}`,
        },
      ],
    };
  }
  const excluded =
    ignore.length === 0 ? [] : (await globFiles(pattern.value, literal, cwd, [])).filter(isScad);
  return {
    files,
    problems: [
      excluded.length > 0
        ? {
            message: `every file that ${pattern.value} matches is excluded`,
            ...at,
            hint: `exclude: ${ignore.join(', ')} leaves none of ${excluded.length} .scad file${excluded.length === 1 ? '' : 's'}`,
          }
        : {
            message: `no file matches ${pattern.value}`,
            ...at,
            hint: `paths and globs are looked up from ${cwd}`,
          },
    ],
  };
}

/** What a glob (or a literal path) matches, absolute. The globbing library loads when needed. */
async function globFiles(
  value: string,
  literal: boolean,
  cwd: string,
  ignore: readonly string[],
): Promise<string[]> {
  const { escapePath, glob } = await import('tinyglobby');
  return glob(literal ? escapePath(value) : value, {
    cwd,
    absolute: true,
    onlyFiles: true,
    ignore: [...ignore],
  });
}

function isScad(file: string): boolean {
  return /\.scad$/i.test(file);
}
