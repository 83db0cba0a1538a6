import { isAbsolute, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import { ConfigError, ParascadError } from '../errors.js';
import type { ConfigProblem } from '../errors.js';
import { didYouMean } from '../util/did-you-mean.js';
import { fileBase } from './describe-part.js';
import type { RenderJob } from './render-job.js';

/** Which parts to render, as given on the command line. */
export interface PartSelectors {
  /** Globs over part names (`lid*`, `*-small`); a part matching any of them is kept. */
  readonly names?: readonly string[];
  /**
   * Paths, folders or globs of scad files, relative to `cwd`; a part from any of them is kept.
   */
  readonly files?: readonly string[];
}

/**
 * The parts the selectors pick, in their planned order: a part is kept when it matches one of
 * the name globs (if any are given) — by its own name, or by its module's name (or, for a whole
 * file, the file's name), which selects all the variants of the module — and comes from one of the files (if any are given). Name
 * globs are case-sensitive, like part names; a file selector matches a file by its path, by a
 * folder holding it, or as a glob over paths relative to `cwd` (or absolute paths, for an
 * absolute glob).
 *
 * A selector that matches no part at all is a `ConfigError` (every such selector at once, each
 * with a "did you mean" over the part names or files); selectors that each match but together
 * keep nothing are a `ParascadError` with code `NOTHING_TO_RENDER`.
 */
export function selectParts(
  jobs: readonly RenderJob[],
  selectors: PartSelectors,
  cwd: string,
): RenderJob[] {
  const problems: ConfigProblem[] = [];
  const names = selectors.names ?? [];
  const files = selectors.files ?? [];
  const nameTests = names.map((glob) => {
    const test = picomatch(glob, { dot: true });
    // A module's (or a whole file's) name selects all its variants: `lid` selects `lid-small`.
    return (job: RenderJob): boolean =>
      test(job.name) || test(job.module ?? fileBase(job.scadFile));
  });
  const fileTests = files.map((selector) => fileTest(selector, cwd));

  const partNames = [...new Set(jobs.map((job) => job.name))];
  names.forEach((glob, index) => {
    if (jobs.some((job) => nameTests[index]?.(job))) return;
    const guess = didYouMean(glob, partNames);
    problems.push({
      message: unknownPartMessage(glob),
      hint: guess === undefined ? `parts: ${shortList(partNames)}` : `did you mean ${guess}?`,
    });
  });
  const partFiles = [...new Set(jobs.map((job) => posixRelative(cwd, job.scadFile)))];
  files.forEach((selector, index) => {
    if (jobs.some((job) => fileTests[index]?.(job))) return;
    const guess = didYouMean(selector, partFiles);
    problems.push({
      message: `no part comes from ${selector}`,
      hint:
        guess === undefined
          ? `files with parts: ${shortList(partFiles)}`
          : `did you mean ${guess}?`,
    });
  });
  if (problems.length > 0) throw new ConfigError(problems);

  const selected = jobs.filter(
    (job) =>
      (nameTests.length === 0 || nameTests.some((test) => test(job))) &&
      (fileTests.length === 0 || fileTests.some((test) => test(job))),
  );
  if (selected.length === 0) {
    throw new ParascadError(
      'NOTHING_TO_RENDER',
      `No part is both named ${names.join(' or ')} and from ${files.join(' or ')}`,
      'Each selector matches parts, but never the same ones: drop one of them.',
    );
  }
  return selected;
}

/** The message for a name selector that matches no part (the CLI recognises it for typos of commands). */
export function unknownPartMessage(name: string): string {
  return `no part is named ${name}`;
}

/** Whether a part comes from the file, folder or glob `selector` names. */
export function fileTest(selector: string, cwd: string): (job: RenderJob) => boolean {
  const test = scadFileSelector(selector, cwd);
  return (job) => test(job.scadFile);
}

/**
 * Whether an absolute scad file path is the file, inside the folder, or matched by the glob that
 * `selector` names, relative to `cwd` (or absolute).
 */
export function scadFileSelector(selector: string, cwd: string): (scadFile: string) => boolean {
  const path = resolve(cwd, selector);
  const absolute = isAbsolute(selector);
  const glob = picomatch(absolute ? selector.split(sep).join('/') : selector, { dot: true });
  return (scadFile) =>
    scadFile === path ||
    scadFile.startsWith(path.endsWith(sep) ? path : `${path}${sep}`) ||
    glob(absolute ? scadFile.split(sep).join('/') : posixRelative(cwd, scadFile));
}

function posixRelative(from: string, to: string): string {
  return relative(from, to).split(sep).join('/');
}

function shortList(items: readonly string[]): string {
  return items.slice(0, 10).join(', ') + (items.length > 10 ? ', …' : '');
}
