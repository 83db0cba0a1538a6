import * as z from 'zod';

/**
 * The JSON Schema (draft 2020-12) parascad publishes in `schema/` for a zod schema: what the
 * values look like as parascad writes them (`io: 'output'`), with the file's `$id`, a title and
 * a description first.
 */
export function publishedJsonSchema(
  schema: z.ZodType,
  about: { readonly file: string; readonly title: string; readonly description: string },
): Record<string, unknown> {
  const { $schema, ...rest } = z.toJSONSchema(schema, { io: 'output', target: 'draft-2020-12' });
  return {
    $schema,
    $id: `https://parascad.dev/schema/${about.file}`,
    title: about.title,
    description: about.description,
    ...rest,
  };
}
