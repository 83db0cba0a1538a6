/** Ends an exhaustive `switch`: the compiler rejects the call if a case was forgotten. */
export function unreachable(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}
