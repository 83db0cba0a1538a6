/** A picture as 8-bit red, green, blue and alpha per pixel, row by row from the top left. */
export interface RgbaImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}
