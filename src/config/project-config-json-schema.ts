import * as z from 'zod';
import { projectConfigSchema } from './project-config-schema.js';

/**
 * The published JSON Schema of the project config (`schema/parascad.config.schema.json`), made
 * from the same zod schema the loader validates with, so that editors and parascad cannot
 * disagree on what is valid. It describes the config as written (`io: 'input'`): shorthands
 * such as `formats: stl` are allowed as in the file.
 */
export function projectConfigJsonSchema(): Record<string, unknown> {
  const { $schema, title, description, ...rest } = z.toJSONSchema(projectConfigSchema, {
    io: 'input',
    target: 'draft-2020-12',
  });
  // What the file is comes first, for a reader who opens it.
  return { $schema, title, description, ...rest };
}
