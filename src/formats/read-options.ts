import { UnreadableOutputError } from './unreadable-output-error.js';

/** How a reader treats what it can parse but does not turn into geometry. */
export interface ReadOptions {
  /**
   * Called with a description of a well-formed feature of the format that the reader does not
   * turn into geometry (SVG curves and transforms, DXF arcs, 3MF components, AMF constellations).
   * Validating a file only needs to know it is complete and passes a function that carries on;
   * measuring must never be wrong, and refuses.
   *
   * @default a function that throws an {@link UnreadableOutputError} with the description
   */
  readonly onUnsupported?: (what: string) => void;
}

/** Says that a reader met a feature it does not read, the way the options ask for. */
export function reportUnsupported(options: ReadOptions | undefined, what: string): void {
  if (options?.onUnsupported === undefined) throw new UnreadableOutputError(what);
  options.onUnsupported(what);
}
