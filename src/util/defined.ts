/**
 * Drops the keys whose value is undefined. With `exactOptionalPropertyTypes`, an optional property
 * may be absent but not `undefined`; this builds such objects from values that may be missing.
 */
export function defined<T extends Record<string, unknown>>(
  values: T,
): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}
