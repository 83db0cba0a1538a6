import type { core } from 'zod';

/**
 * The keys the mapping at `path` may hold according to `schema`, in the schema's order, for the
 * "did you mean" and "known keys" hints of an unknown key. Wrappers (optional, default, lazy, the
 * input side of a transform) are looked through; in a union the mapping, list or record branch
 * that fits the next step is followed. Undefined when no mapping is declared there.
 */
export function knownKeysAt(
  schema: core.$ZodType,
  path: readonly PropertyKey[],
): readonly string[] | undefined {
  let candidates = unwrap(schema);
  for (const step of path) {
    candidates = candidates.flatMap((candidate) => {
      const def = candidate._zod.def;
      if (typeof step === 'number' && def.type === 'array') {
        return unwrap((def as core.$ZodArrayDef).element);
      }
      if (typeof step === 'string' && def.type === 'object') {
        const child = (def as core.$ZodObjectDef).shape[step];
        return child === undefined ? [] : unwrap(child);
      }
      if (typeof step === 'string' && def.type === 'record') {
        return unwrap((def as core.$ZodRecordDef).valueType);
      }
      return [];
    });
  }
  const mapping = candidates.find((candidate) => candidate._zod.def.type === 'object');
  return mapping === undefined
    ? undefined
    : Object.keys((mapping._zod.def as core.$ZodObjectDef).shape);
}

/** The schemas a value may meet: the schema itself, or each branch of a union, unwrapped. */
function unwrap(schema: core.$ZodType): core.$ZodType[] {
  const def = schema._zod.def;
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'nonoptional':
    case 'catch':
      return unwrap((def as core.$ZodOptionalDef).innerType);
    case 'pipe':
      return unwrap((def as core.$ZodPipeDef).in);
    case 'lazy':
      return unwrap((def as core.$ZodLazyDef).getter());
    case 'union':
      return (def as core.$ZodUnionDef).options.flatMap(unwrap);
    default:
      return [schema];
  }
}
