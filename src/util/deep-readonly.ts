/** Read-only all the way down: for documents inferred from zod schemas that nobody edits. */
export type DeepReadonly<T> = T extends object
  ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
  : T;
