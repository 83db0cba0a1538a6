import { inspectOutput } from '../formats/inspect-output.js';

/** Whether an exported file holds a real model of its format, with a short human summary of it. */
export type OutputCheck =
  { readonly ok: true; readonly summary: string } | { readonly ok: false; readonly reason: string };

/**
 * Checks that an exported file is a complete, non-empty model of the format its suffix names.
 *
 * OpenSCAD can exit 0 and still leave nothing usable behind: an empty file when the model is empty,
 * a truncated one when it crashes, a PNG of 0 bytes when there is no display. A render only counts
 * when this says ok. The file is read by the one reader of its format (`src/formats/`); use
 * {@link inspectOutput} to get the measures of the same read.
 *
 * @param suffix The file suffix, with or without its leading dot, in any case.
 * @returns `{ ok: true, summary }` (`"1234 facets"`, `"3 contours"`) or `{ ok: false, reason }`.
 *   Empty bytes are only ok for formats that may be empty (echo, term). A suffix OpenSCAD has no
 *   exporter for is ok when non-empty, summarised by its size.
 */
export function validateOutput(suffix: string, bytes: Uint8Array): OutputCheck {
  const inspection = inspectOutput(suffix, bytes, { measure: false });
  return inspection.ok ? { ok: true, summary: inspection.summary } : inspection;
}
