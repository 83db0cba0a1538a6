import type { z } from 'zod';

/** How many times values are dropped before giving up: each round may uncover a missing key. */
const rounds = 6;

/**
 * A config's data without the values its schema refuses, parsed — or undefined when dropping
 * them does not leave a valid config (a required key is wrong, say). An unknown key is dropped;
 * any other wrong value is dropped with the nearest mapping key above it (the whole list when
 * one of its items is wrong), so that what remains is still what the user wrote.
 */
export function usableConfigData<Schema extends z.ZodType>(
  schema: Schema,
  data: unknown,
  issues: readonly z.core.$ZodIssue[],
): z.output<Schema> | undefined {
  const current: unknown = structuredClone(data);
  let pending = issues;
  for (let round = 0; round < rounds; round++) {
    for (const issue of pending) {
      if (!drop(current, issue)) return undefined;
    }
    const result = schema.safeParse(current);
    if (result.success) return result.data;
    pending = result.error.issues;
  }
  return undefined;
}

/** Drops what an issue is about; false when nothing can be dropped. */
function drop(data: unknown, issue: z.core.$ZodIssue): boolean {
  const path = issue.path.filter((key): key is string | number => typeof key !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    const holder = valueAt(data, path);
    if (!isMapping(holder)) return false;
    for (const key of issue.keys) Reflect.deleteProperty(holder, key);
    return true;
  }
  for (let length = path.length; length > 0; length--) {
    const holder = valueAt(data, path.slice(0, length - 1));
    const key = path[length - 1];
    if (isMapping(holder) && typeof key === 'string' && Object.hasOwn(holder, key)) {
      Reflect.deleteProperty(holder, key);
      return true;
    }
  }
  return false;
}

function valueAt(data: unknown, path: readonly (string | number)[]): unknown {
  let node = data;
  for (const key of path) {
    if (Array.isArray(node) && typeof key === 'number') node = node[key];
    else if (isMapping(node) && typeof key === 'string') node = node[key];
    else return undefined;
  }
  return node;
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
