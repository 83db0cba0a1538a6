/*
 * What the gallery page reads: `data/gallery.js` sets `window.PARASCAD_GALLERY` to one of these.
 * Built from the run report in Node (`galleryData`), read by the page's script (`gallery/src`),
 * which imports these types only. Everything is ready to show: the page formats nothing but
 * the sizes its 3D view measures.
 */

/** A part's outcome as the gallery filters by it. */
export type GalleryStatus = 'failed' | 'cancelled' | 'warnings' | 'ok';

/** A message about a part, with the user's `file:line` when known. */
export interface GalleryMessage {
  readonly severity: string;
  readonly message: string;
  /** `box.scad:12`, relative to the project folder. */
  readonly at?: string;
}

/** A file the part wrote, linked relative to the gallery folder. */
export interface GalleryOutput {
  readonly format: string;
  readonly name: string;
  /** A relative URL from the gallery's `index.html`. */
  readonly href: string;
  /** `14.2 KiB · 280 facets`. */
  readonly about: string;
}

/** What the interactive view shows of a part (or of its previous render). */
export type GalleryView =
  | {
      readonly kind: 'mesh';
      /** A classic script that sets `window.PARASCAD_MESHES[key]` to the base64 of float32 x y z. */
      readonly script: string;
      readonly key: string;
      readonly triangles: number;
    }
  | { readonly kind: 'drawing'; readonly svg: string }
  | { readonly kind: 'none'; readonly reason: string };

/** How a part compares with the previous run or the baseline. */
export interface GalleryChange {
  readonly status: 'changed' | 'new' | 'unchanged';
  /** What changed, for people: `volume +12.5 mm³`, `stl: same geometry, other bytes`. */
  readonly details: readonly string[];
  /** The previous render, when its file was kept (not with `--no-cache`). */
  readonly previous?: GalleryView;
}

/** One card. */
export interface GalleryPart {
  /** Unique in the gallery, safe in file names and ids: `p0`, `p1`, … */
  readonly key: string;
  readonly name: string;
  /** The .scad file relative to the project, and the module. */
  readonly source: string;
  readonly status: GalleryStatus;
  /** `ok`, `failed`, `cancelled`: the part's own status. */
  readonly statusText: string;
  /** `2.41s`, or `cached` with the time of the render it came from. */
  readonly time: string;
  readonly cached: boolean;
  /** `wasm 2025.01.01 (manifold)`, or empty for a part that never started. */
  readonly engine: string;
  readonly failure?: GalleryMessage;
  readonly diagnostics: readonly GalleryMessage[];
  readonly outputs: readonly GalleryOutput[];
  /** The main output's measures, a line each: `20 × 20 × 2 mm`, `volume 628.3 mm³`. */
  readonly facts: readonly string[];
  /** The thumbnail, relative to the gallery folder. */
  readonly thumbnail?: string;
  readonly view: GalleryView;
  readonly change?: GalleryChange;
}

/** The whole page. */
export interface GalleryData {
  readonly title: string;
  readonly outcome: string;
  /** `2026-12-02 13:20 UTC · 12.3s`. */
  readonly when: string;
  readonly parascadVersion: string;
  readonly totals: {
    readonly parts: number;
    readonly ok: number;
    readonly failed: number;
    readonly cancelled: number;
    readonly cached: number;
    readonly warnings: number;
  };
  /**
   * `3 ok (2 cached), 1 failed, 0 cancelled, 1 with warnings`: the cached among the ok parts, as
   * the terminal counts them (a cached part `--strict` failed is failed; its card says cached).
   */
  readonly counts: string;
  /** `3 changed, 1 new, 36 unchanged since the previous run`, when compared. */
  readonly changes?: string;
  /** Failures first, then cancelled, parts with warnings, and the rest, each in plan order. */
  readonly parts: readonly GalleryPart[];
  /** Problems of the run itself (not of one part): those that kept it from starting first. */
  readonly warnings: readonly GalleryMessage[];
  readonly error?: string;
}
