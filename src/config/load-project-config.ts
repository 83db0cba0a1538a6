import { basename } from 'node:path';
import { ConfigError } from '../errors.js';
import { projectConfigSchema } from './project-config-schema.js';
import type { ProjectConfig } from './project-config.js';
import { readConfigSource } from './read-config-source.js';
import { toProjectConfig } from './to-project-config.js';
import { validateConfig } from './validate-config.js';

/**
 * Reads and validates a parascad project config: `parascad.config.yaml`, `.yml` or `.json`
 * (JSON is read as YAML, so places work the same; it must be valid JSON too).
 *
 * Every problem in the file is collected and thrown together as one `ConfigError` in reading
 * order, each at the offending text with its length: invalid YAML or JSON, unknown keys with a
 * "did you mean", wrong values saying what was expected and what was found, unknown export
 * formats, variable names OpenSCAD would not accept, a variable in both `params` and `matrix`,
 * unknown output placeholders. A missing or unreadable file is a `ParascadError` with code
 * `CONFIG_INVALID`. Whether the files, modules and parameter sets exist is for the planner.
 */
export async function loadProjectConfig(file: string): Promise<ProjectConfig> {
  const source = await readConfigSource(file, {
    missingHint: 'Check the path, or leave the config out to use the one in the project folder.',
  });
  if (source.document.contents === null) {
    throw new ConfigError([
      {
        message: `${basename(source.file)} is empty`,
        location: { file: source.file, line: 1, column: 1 },
        hint: 'a project config lists at least the files to render, such as "files: [{path: project.scad}]"',
      },
    ]);
  }
  const parsed = validateConfig(source, projectConfigSchema);
  return toProjectConfig(source.file, parsed, (path) => source.locate(path));
}
