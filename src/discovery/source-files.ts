import { lexOpenScad, type Token } from './lex-openscad.js';
import { readLenientUtf8 } from './read-lenient-utf8.js';

/** A source file as read once: its text and its tokens. */
export interface ScadSource {
  readonly text: string;
  readonly tokens: readonly Token[];
}

/**
 * The OpenSCAD sources of one planning pass, each file read once however many of its phases look
 * at it (markers, declared modules, top-level geometry and assignments, includes, the program's
 * scope, missing arguments, dependencies). Texts are kept, tokens are not: keeping every file's
 * tokens for the pass raised the peak memory of planning 10,000 parts by 40 MB, while lexing a
 * text again is cheap. One instance per pass, never kept between passes, so a file edited between
 * two runs of a `watch` session is read again.
 */
export class SourceFiles {
  readonly #texts = new Map<string, Promise<string>>();

  constructor(
    /** @default reads from disk, decoding UTF-8 leniently (see `readLenientUtf8`) */
    private readonly readText: (file: string) => Promise<string> = readLenientUtf8,
  ) {}

  /** The text and tokens of a file at an absolute path; rejects when it cannot be read. */
  async source(file: string): Promise<ScadSource> {
    const text = await this.text(file);
    return { text, tokens: lexOpenScad(text) };
  }

  /** The text of a file at an absolute path; rejects when it cannot be read. */
  text(file: string): Promise<string> {
    let found = this.#texts.get(file);
    if (found === undefined) {
      found = this.readText(file);
      this.#texts.set(file, found);
    }
    return found;
  }
}
