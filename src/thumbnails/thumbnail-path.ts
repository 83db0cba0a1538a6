/**
 * Where `--thumbnails` puts an output's picture: beside it, its whole name plus `.png`
 * (`lid.stl.png`), so that it never takes the name of a part exported as PNG (`lid.png`).
 */
export function thumbnailPath(outputPath: string): string {
  return `${outputPath}.png`;
}
