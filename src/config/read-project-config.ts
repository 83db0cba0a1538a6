import { basename } from 'node:path';
import { ConfigError } from '../errors.js';
import type { ConfigProblem } from '../errors.js';
import { projectConfigSchema } from './project-config-schema.js';
import type { ProjectConfig } from './project-config.js';
import { readConfigSource } from './read-config-source.js';
import { salvageConfig } from './salvage-config.js';
import { toProjectConfig } from './to-project-config.js';

/** A project config file as far as it is valid, with the problems of the rest. */
export interface ProjectConfigReading {
  /**
   * The config without the values the problems are about; undefined when nothing useful is
   * left (the file is not a mapping, or `files` is missing or wrong).
   */
  readonly config?: ProjectConfig;
  /** Every problem the file has by itself, in reading order; empty for a valid file. */
  readonly problems: readonly ConfigProblem[];
}

/**
 * Reads a parascad project config (`parascad.config.yaml`, `.yml` or `.json`) and keeps what is
 * valid, so the planner can check that too (files, modules, parameter sets) and every problem
 * is reported in one run (see `salvageConfig`).
 *
 * The file's own problems, each at the offending text with its length: unknown keys with a "did
 * you mean", wrong values saying what was expected and what was found, unknown export formats,
 * variable names OpenSCAD would not accept, a variable in both `params` and `matrix`, unknown
 * output placeholders. Invalid YAML or JSON is thrown as a `ConfigError` at once (nothing can be
 * read), a missing or unreadable file as a `ParascadError` with code `CONFIG_INVALID`.
 */
export async function readProjectConfig(file: string): Promise<ProjectConfigReading> {
  const source = await readConfigSource(file, {
    missingHint: 'Check the path, or leave the config out to use the one in the project folder.',
  });
  if (source.document.contents === null) {
    throw new ConfigError([
      {
        message: `${basename(source.file)} is empty`,
        location: { file: source.file, line: 1, column: 1 },
        // In the file's own syntax: the YAML form is not JSON.
        hint: `a project config lists at least the files to render, such as ${/\.json$/i.test(source.file) ? '{"files": [{"path": "project.scad"}]}' : '"files: [{path: project.scad}]"'}`,
      },
    ]);
  }
  const salvaged = salvageConfig(source, projectConfigSchema);
  const valid = salvaged.value;
  if (valid === undefined) return { problems: salvaged.problems };
  return {
    config: toProjectConfig(source.file, valid, (path) => salvaged.source.locate(path)),
    problems: salvaged.problems,
  };
}
