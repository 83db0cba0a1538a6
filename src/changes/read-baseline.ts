import { readdir, stat } from 'node:fs/promises';
import { join, posix, relative } from 'node:path';
import type { RenderJob } from '../plan/render-job.js';
import { galleryMarker } from '../util/gallery-marker.js';
import { relativePath } from '../util/relative-path.js';
import { recordOutput } from './record-part.js';
import type { OutputRecord, PartRecord } from './run-record.js';

/** A folder of earlier outputs, read as the previous run's record of this run's parts. */
export interface Baseline {
  /** By part id: what the baseline holds at each of its outputs' places. */
  readonly parts: ReadonlyMap<string, PartRecord>;
  /** By part id and format: the baseline's file. */
  readonly files: ReadonlyMap<string, ReadonlyMap<string, string>>;
  /**
   * The baseline's files no part of this run writes, relative to the baseline, with `/`; neither
   * `--thumbnails` pictures nor the files of a gallery folder (marked by its `.parascad-gallery`).
   */
  readonly unmatched: readonly string[];
}

/**
 * Reads `dir` as the outputs of an earlier run: each output of each job is looked for at its path
 * relative to `outputRoot` (the folder the outputs are written below), read by the same readers as
 * the run's own outputs. A part with none of its outputs there is new.
 */
export async function readBaseline(
  dir: string,
  jobs: readonly RenderJob[],
  outputRoot: string,
  projectDir: string,
): Promise<Baseline> {
  const parts = new Map<string, PartRecord>();
  const files = new Map<string, Map<string, string>>();
  const matched = new Set<string>();
  for (const job of jobs) {
    const outputs: Record<string, OutputRecord> = {};
    const places = new Map<string, string>();
    for (const output of job.outputs) {
      const place = relative(outputRoot, output.path);
      const file = join(dir, place);
      const record = await recordOutput(output.format, file);
      if (record === undefined) continue;
      outputs[output.format] = record;
      places.set(output.format, file);
      matched.add(relativePath(outputRoot, output.path));
    }
    if (places.size === 0) continue;
    parts.set(job.id, {
      name: job.name,
      file: relativePath(projectDir, job.scadFile),
      outputs,
    });
    files.set(job.id, places);
  }
  const all = await readdir(dir, { recursive: true }).catch(() => []);
  const found = await Promise.all(
    all.map(async (name) =>
      (await stat(join(dir, name)).catch(() => undefined))?.isFile() ? [name] : [],
    ),
  );
  const places = found.flat().map((name) => relativePath(dir, join(dir, name)));
  // A gallery (`--report html=outputs/gallery`) copied along with the outputs is not outputs.
  const galleries = places
    .filter((place) => posix.basename(place) === galleryMarker)
    .map((place) => `${posix.dirname(place)}/`);
  const unmatched = places
    .filter(
      (place) =>
        !matched.has(place) &&
        // `lid.stl.png` is a --thumbnails picture of an output, not an output.
        !/\.[a-z0-9]+\.png$/i.test(place) &&
        !galleries.some((gallery) => gallery === './' || place.startsWith(gallery)),
    )
    .sort();
  return { parts, files, unmatched };
}
