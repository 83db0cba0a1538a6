import type { SourceLocation } from './diagnostics/diagnostic.js';

/** Stable codes of setup errors, for programs that call the library. */
export type ParascadErrorCode =
  | 'CONFIG_INVALID'
  | 'SCAD_FILE_NOT_FOUND'
  | 'NOTHING_TO_RENDER'
  | 'ENGINE_NOT_FOUND'
  | 'ENGINE_UNAVAILABLE'
  | 'USAGE'
  | 'CONFIG_EXISTS'
  | 'FLEET_UNREACHABLE'
  | 'FLEET_NO_WORKER'
  | 'CANCELLED';

/**
 * An error the user can fix (bad configuration, missing engine, wrong flag). Failed renders are
 * never thrown: they are results. The CLI prints these without a stack trace and exits 2.
 */
export class ParascadError extends Error {
  override readonly name: string = 'ParascadError';
  constructor(
    readonly code: ParascadErrorCode,
    message: string,
    /** What the user can do about it. */
    readonly hint?: string,
  ) {
    super(message);
  }
}

/** One problem in a configuration or annotated source file. */
export interface ConfigProblem {
  readonly message: string;
  readonly location?: SourceLocation & { readonly length?: number };
  readonly hint?: string;
  /**
   * The ids of the parts a warning found while planning is about, when it is about some: under
   * `--strict` they fail with it, as with a warning their render printed.
   */
  readonly parts?: readonly string[];
}

/** Every problem found in a project's configuration, reported together before anything renders. */
export class ConfigError extends ParascadError {
  override readonly name = 'ConfigError';
  constructor(
    readonly problems: readonly ConfigProblem[],
    /**
     * The warnings found up to the errors (an unknown `//render…` comment, a parameter the file
     * does not assign), printed with them: they may be why an error happened, and the fix of
     * the errors should not reveal them in a second round.
     * @default []
     */
    readonly warnings: readonly ConfigProblem[] = [],
  ) {
    super(
      'CONFIG_INVALID',
      problems.length === 1
        ? (problems[0]?.message ?? 'Invalid configuration')
        : `${problems.length} problems in the project configuration`,
    );
  }
}
