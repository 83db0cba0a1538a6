import { ConfigError } from '../errors.js';
import type { ProjectConfig } from './project-config.js';
import { readProjectConfig } from './read-project-config.js';

/**
 * Reads and validates a parascad project config: `parascad.config.yaml`, `.yml` or `.json`
 * (JSON is read as YAML, so places work the same; it must be valid JSON too).
 *
 * Every problem in the file is collected and thrown together as one `ConfigError` in reading
 * order (see `readProjectConfig` for which). A missing or unreadable file is a `ParascadError`
 * with code `CONFIG_INVALID`. Whether the files, modules and parameter sets exist is for the
 * planner; `planRun` reports those together with the file's own problems.
 */
export async function loadProjectConfig(file: string): Promise<ProjectConfig> {
  const { config, problems } = await readProjectConfig(file);
  if (config === undefined || problems.length > 0) throw new ConfigError(problems);
  return config;
}
