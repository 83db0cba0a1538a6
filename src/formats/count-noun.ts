/** `1 facet`, `48 facets`, `2 vertices`: a count with its noun, for summaries of files. */
export function countNoun(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}
