import { relative, sep } from 'node:path';
import { hasGeometry } from '../../thumbnails/read-geometry.js';
import { formatBytes } from '../format-bytes.js';
import { formatDuration } from '../format-duration.js';
import { whyCancelled } from '../why-cancelled.js';
import type { ReportDiagnostic, ReportOutput, ReportPart } from '../documents/run-report.js';
import { describeChange } from './describe-change.js';
import { describeFacts } from './describe-facts.js';
import type { GalleryMessage, GalleryPart, GalleryStatus, GalleryView } from './gallery-data.js';
import { partPictures, type PartPictures } from './part-pictures.js';

/** Writes a file into the gallery folder, by its path relative to the folder (`/` separators). */
export type WriteGalleryFile = (path: string, contents: string | Uint8Array) => Promise<void>;

/** Severities a card lists; echoes and traces are in the terminal's `--verbose`. */
const shownSeverities = new Set(['error', 'warning', 'deprecated']);

/**
 * One part's card, with its pictures written into the gallery: `thumbs/<key>.png`, and for the
 * 3D view `meshes/<key>.js` (a classic script, as a page on `file://` can load no data another
 * way) or `drawings/<key>.svg`; for a changed part whose previous render was kept, the same for
 * that render with the key `<key>-before`.
 *
 * @param dir The gallery folder, absolute: links to the outputs are relative to it.
 */
export async function galleryPart(
  part: ReportPart,
  key: string,
  dir: string,
  write: WriteGalleryFile,
): Promise<GalleryPart> {
  const main = mainOutput(part.outputs);
  const pictures = main === undefined ? undefined : await partPictures(main.format, main.path);
  if (pictures?.thumbnail !== undefined) await write(`thumbs/${key}.png`, pictures.thumbnail);
  const view = await writeView(pictures, key, write);
  const failure = part.failure;
  const change = part.changes;
  const previousFile =
    main === undefined ? undefined : change?.outputs[main.format]?.previous?.file;
  const previous =
    main !== undefined && change?.status === 'changed' && previousFile !== undefined
      ? await writeView(await partPictures(main.format, previousFile), `${key}-before`, write)
      : undefined;
  return {
    key,
    name: part.name,
    source: part.module === undefined ? part.relativeFile : `${part.relativeFile} · ${part.module}`,
    status: galleryStatus(part),
    statusText: part.status,
    time:
      part.cachedFrom === undefined
        ? formatDuration(part.seconds)
        : `cached (rendered in ${formatDuration(part.cachedFrom.seconds)})`,
    cached: part.cached,
    engine:
      part.engine === undefined
        ? ''
        : [part.engine.id, part.engine.version, part.engine.backend && `(${part.engine.backend})`]
            .filter((word) => word !== undefined && word !== '')
            .join(' '),
    ...(failure === undefined
      ? {}
      : {
          failure: {
            severity: failure.category === 'cancelled' ? 'cancelled' : 'error',
            // The word is the status already: a cancelled card says why instead.
            message: failure.category === 'cancelled' ? whyCancelled : failure.message,
            ...(failure.location === undefined
              ? {}
              : { at: `${failure.location.relativePath}:${failure.location.line}` }),
          },
        }),
    // The failure is often one of the diagnostics: it is shown once, as the failure.
    diagnostics: part.diagnostics
      .filter((item) => shownSeverities.has(item.severity) && item.message !== failure?.message)
      .map(message),
    outputs: part.outputs.map((output) => ({
      format: output.format,
      name: output.relativePath.split('/').at(-1) ?? output.format,
      href: relativeHref(dir, output.path),
      about: `${formatBytes(output.bytes)} · ${output.summary}`,
    })),
    facts: main?.facts === undefined ? [] : describeFacts(main.facts),
    ...(pictures?.thumbnail === undefined ? {} : { thumbnail: `thumbs/${key}.png` }),
    view,
    ...(change === undefined ? {} : { change: describeChange(change, previous) }),
  };
}

/** How the gallery sorts and filters a part: a part with warnings is told apart from a clean one. */
export function galleryStatus(part: ReportPart): GalleryStatus {
  if (part.status !== 'ok') return part.status;
  return part.diagnostics.some((item) => item.severity === 'warning') ? 'warnings' : 'ok';
}

/** The output the card and view show: the first mesh, else the first drawing. */
function mainOutput(outputs: readonly ReportOutput[]): ReportOutput | undefined {
  const drawable = outputs.filter((output) => hasGeometry(output.format));
  return drawable.find((output) => output.facts?.kind !== '2d') ?? drawable[0];
}

async function writeView(
  pictures: PartPictures | undefined,
  key: string,
  write: WriteGalleryFile,
): Promise<GalleryView> {
  if (pictures === undefined) return { kind: 'none', reason: 'no output to show' };
  const { view } = pictures;
  switch (view.kind) {
    case 'mesh': {
      const script = `meshes/${key}.js`;
      const bytes = new Uint8Array(
        view.positions.buffer,
        view.positions.byteOffset,
        view.positions.byteLength,
      );
      await write(
        script,
        `(window.PARASCAD_MESHES = window.PARASCAD_MESHES || {})[${JSON.stringify(key)}] = "${Buffer.from(bytes).toString('base64')}";\n`,
      );
      return { kind: 'mesh', script, key, triangles: view.triangles };
    }
    case 'drawing': {
      const svg = `drawings/${key}.svg`;
      await write(svg, view.svg);
      return { kind: 'drawing', svg };
    }
    case 'none':
      return view;
  }
}

function message(diagnostic: ReportDiagnostic): GalleryMessage {
  const { location } = diagnostic;
  return {
    severity: diagnostic.severity,
    message: diagnostic.message,
    ...(location === undefined ? {} : { at: `${location.relativePath}:${location.line}` }),
  };
}

/** A link from the gallery folder to a file, as a relative URL. */
function relativeHref(dir: string, file: string): string {
  return relative(dir, file).split(sep).map(encodeURIComponent).join('/');
}
