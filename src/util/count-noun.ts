/** `1 part`, `2 parts`; `1 entry`, `3 entries` with the plural given. */
export function countNoun(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}
