import { basename } from 'node:path';
import type { ConfigProblem } from '../errors.js';
import { exportSuffixes, findExportFormat } from '../plan/export-formats.js';
import { defined } from '../util/defined.js';
import { didYouMean } from '../util/did-you-mean.js';
import type { ModelSpec } from './classic-project.js';
import { lexOpenScad } from './lex-openscad.js';
import type { Token } from './lex-openscad.js';
import { listModules } from './list-modules.js';
import { ModelCollector } from './model-collector.js';
import type { ModuleDeclaration } from './list-modules.js';

/** What the `//render.*` comments of one scad file ask for. */
export interface AnnotationScan {
  /** Modules carrying `//render.model.<suffix>` markers, in source order. */
  readonly models: ModelSpec[];
  /** From `//render.quality N`; the last one wins. */
  readonly quality?: number;
  /** From `//render.number_of_threads N`; the last one wins. */
  readonly threads?: number;
  /** Every module declared in the file, so callers need not lex it again. */
  readonly modules: readonly ModuleDeclaration[];
  /** Comments that look meant for parascad but are ignored. */
  readonly warnings: ConfigProblem[];
  /** Comments that ask for something impossible: the run must not start. */
  readonly problems: ConfigProblem[];
}

type ProblemLocation = NonNullable<ConfigProblem['location']>;

/** A whitespace- or comma-separated word of a comment, with its place in the file. */
interface Word {
  readonly text: string;
  readonly location: ProblemLocation;
  /** Offsets of the word's text in its segment's text, to read a bracketed value after it. */
  readonly start: number;
  readonly end: number;
}

/** The text of one `//`-separated part of a line comment, and its words. */
interface Segment {
  readonly text: string;
  /** Column of the segment's text's first character. */
  readonly column: number;
  readonly line: number;
  readonly words: readonly Word[];
}

type Setting = 'quality' | 'number_of_threads';

/** One `render.…` word of a line comment, read but not yet judged. */
type Directive =
  | {
      readonly kind: 'model';
      readonly word: Word;
      readonly suffix: string;
      readonly owner: ModuleDeclaration | undefined;
    }
  | {
      readonly kind: 'setting';
      readonly word: Word;
      readonly setting: Setting;
      readonly value: SettingValue | undefined;
    }
  | { readonly kind: 'unknown'; readonly word: Word };

/** The value of a setting: a bare word (`48`), or what stands between `[` and `]` (`[ 48 ]`). */
interface SettingValue {
  /** The integer's text, without brackets or the spaces inside them. */
  readonly number: string;
  /** The value as written, brackets included, for messages. */
  readonly text: string;
  readonly location: ProblemLocation;
  /** Set when a `[` has no `]` after it. */
  readonly unclosed?: true;
}

const directivePrefix = /^render\./i;
const settingNames = ['model', 'quality', 'number_of_threads'];

/**
 * Reads the classic `//render.*` line comments of a scad file.
 *
 * A `//render.model.<suffix>` marker belongs to the module whose header it sits in: after
 * `module NAME` and before the first token of the body, or later on the line of that token
 * (`module gasket() { //render.model.dxf`). Several markers in one comment add several formats;
 * repeated formats collapse. `//render.quality N` and `//render.number_of_threads N` may stand
 * anywhere. A `render.` word counts when it starts a line comment or a `//` inside one (spaces
 * before it allowed); `render.` and the setting names are read without regard to case. Markers
 * in block comments or strings are not comments to the lexer and are ignored.
 */
export function scanAnnotations(
  source: string,
  file: string,
  /** The source's tokens, when lexed already. */
  tokens: readonly Token[] = lexOpenScad(source),
): AnnotationScan {
  const modules = listModules(source, file, tokens);
  const warnings: ConfigProblem[] = [];
  const problems: ConfigProblem[] = [];
  const models = new ModelCollector();
  const nestedReported = new Set<ModuleDeclaration>();
  const redeclaredReported = new Set<ModuleDeclaration>();
  const settings = new Map<Setting, { value: number; line: number }>();

  for (const directive of readDirectives(tokens, modules, file)) {
    const { word } = directive;
    if (directive.kind === 'unknown') {
      warnings.push({
        message: `unknown setting //${word.text} is ignored`,
        location: word.location,
        hint: unknownSettingHint(word.text.slice('render.'.length)),
      });
    } else if (directive.kind === 'setting') {
      const { setting, value } = directive;
      const number =
        value === undefined || value.unclosed === true ? undefined : positiveInteger(value.number);
      if (value === undefined) {
        problems.push({
          message: `//render.${setting} needs a positive integer`,
          location: word.location,
          hint: `write it as //render.${setting} ${setting === 'quality' ? 60 : 4}`,
        });
      } else if (number === undefined) {
        problems.push({
          message: `//render.${setting} must be a positive integer, got "${value.text}"`,
          location: value.location,
          ...(value.unclosed === true
            ? { hint: `close the bracket: //render.${setting} [${value.number}]` }
            : /^[^[].*[\s,]/.test(value.text)
              ? {
                  hint: `write one integer, e.g. //render.${setting} ${setting === 'quality' ? 48 : 4}; a note goes after another //`,
                }
              : {}),
        });
      } else {
        const earlier = settings.get(setting);
        const line = word.location.line;
        if (earlier) {
          warnings.push({
            message: `//render.${setting} is set on line ${earlier.line} and again on line ${line}; the value on line ${line} (${number}) is used`,
            location: word.location,
            hint: 'remove one of them',
          });
        }
        settings.set(setting, { value: number, line });
      }
    } else {
      const { suffix, owner } = directive;
      if (suffix === '') {
        warnings.push({
          message: `//${word.text} names no export format and is ignored`,
          location: word.location,
          hint: `write the format after it, e.g. //render.model.stl (formats: ${exportSuffixes().join(', ')})`,
        });
      } else if (owner === undefined) {
        warnings.push({
          message: `//${word.text} is not in a module header and is ignored`,
          location: word.location,
          hint: 'put the marker after "module NAME(…)" and before the "{" that opens the module\'s body',
        });
      } else if (!findExportFormat(suffix)) {
        const end = (word.location.column ?? 1) + (word.location.length ?? 0);
        const suffixAt = {
          file,
          line: word.location.line,
          column: end - suffix.length,
          length: suffix.length,
        };
        problems.push(unknownSuffixProblem(suffix, suffixAt));
      } else if (!owner.topLevel) {
        if (!nestedReported.has(owner)) problems.push(nestedModuleProblem(owner, word.location));
        nestedReported.add(owner);
      } else {
        // OpenSCAD renders a module's last top-level declaration in the file, silently.
        const last = modules.findLast((module) => module.topLevel && module.name === owner.name);
        if (last !== undefined && last !== owner && !redeclaredReported.has(owner)) {
          redeclaredReported.add(owner);
          warnings.push({
            message: `module ${owner.name} is declared again on line ${last.location.line}: OpenSCAD renders that declaration, not this one`,
            location: word.location,
            hint: `rename one of them, or move the marker to line ${last.location.line}`,
          });
        }
        models.add(owner, suffix.toLowerCase(), word.location);
      }
    }
  }

  return {
    models: models.list(),
    ...defined({
      quality: settings.get('quality')?.value,
      threads: settings.get('number_of_threads')?.value,
    }),
    modules,
    warnings,
    problems,
  };
}

/**
 * The problem for an export suffix OpenSCAD does not know, worded the same for `//render.model.*`
 * markers and `render_config.yml` entries (which place it themselves, so `location` is optional).
 */
export function unknownSuffixProblem(
  suffix: string,
  location?: ProblemLocation,
  /** What the user wrote, quoted back as it was (`suffix` may have lost a leading dot or its case). */
  written: string = suffix,
): ConfigProblem {
  const guess = didYouMean(suffix, exportSuffixes());
  return {
    message: `unknown export format ${JSON.stringify(written)}`,
    ...(location === undefined ? {} : { location }),
    hint:
      guess === undefined
        ? `OpenSCAD exports ${exportSuffixes().join(', ')}`
        : `did you mean ${guess}?`,
  };
}

/**
 * The problem for a request to render a module declared inside braces, which OpenSCAD scopes to
 * that block; shared by markers and `render_config.yml` entries.
 */
export function nestedModuleProblem(
  module: ModuleDeclaration,
  location: ProblemLocation,
): ConfigProblem {
  return {
    message: `module ${module.name} (${basename(module.location.file)}:${module.location.line}) is declared inside a block, so it cannot be rendered on its own`,
    location,
    hint: `move "module ${module.name}" to the top level of ${basename(module.location.file)}`,
  };
}

/** Every `render.…` word of the file's line comments, in order, each marker with its module. */
function* readDirectives(
  tokens: readonly Token[],
  modules: readonly ModuleDeclaration[],
  file: string,
): Generator<Directive> {
  let lastModule = -1;
  for (const comment of tokens) {
    if (comment.kind !== 'line-comment') continue;
    while ((modules[lastModule + 1]?.start ?? Infinity) < comment.start) lastModule++;
    const owner = headerOwner(modules[lastModule], comment);
    for (const segment of directiveSegments(comment, file)) {
      const { words } = segment;
      for (let index = 0; index < words.length; index++) {
        const word = words[index];
        if (word === undefined || !directivePrefix.test(word.text)) continue;
        // `render.quality[48]`: the name ends at a bracket written without a space.
        const name = /^[^[]*/.exec(word.text.slice('render.'.length))?.[0] ?? '';
        const [key = '', ...rest] = name.split('.');
        const setting = key.toLowerCase();
        if (setting === 'model') {
          yield { kind: 'model', word, suffix: rest.join('.'), owner };
        } else if (
          rest.length === 0 &&
          (setting === 'quality' || setting === 'number_of_threads')
        ) {
          const valueStart = word.start + 'render.'.length + name.length;
          const value = settingValue(segment, valueStart, file);
          while ((words[index + 1]?.start ?? Infinity) < (value?.end ?? valueStart)) index++;
          yield { kind: 'setting', word: nameWord(word, name), setting, value: value?.value };
        } else {
          yield { kind: 'unknown', word };
        }
      }
    }
  }
}

/** The setting word without a bracketed value written against it (`render.quality[48]`). */
function nameWord(word: Word, name: string): Word {
  const text = `render.${name}`;
  if (text === word.text) return word;
  const length = (word.location.length ?? word.text.length) - (word.text.length - text.length);
  return { ...word, text, end: word.start + text.length, location: { ...word.location, length } };
}

/**
 * The value after a setting's name, read as the classic tool read it: when the rest of the
 * comment starts with `[`, the text up to the next `]` (spaces inside allowed, anything after the
 * `]` ignored); otherwise the text up to the next `render.` word, unless that is the next word.
 */
function settingValue(
  segment: Segment,
  from: number,
  file: string,
): { value: SettingValue; end: number } | undefined {
  const rest = segment.text.slice(from);
  const open = /^[\s,]*\[/.exec(rest);
  const at = (start: number, end: number): ProblemLocation => ({
    file,
    line: segment.line,
    column: segment.column + start,
    length: end - start,
  });
  if (open !== null) {
    const start = from + open[0].length - 1;
    const close = segment.text.indexOf(']', start);
    if (close === -1) {
      const end = segment.text.trimEnd().length;
      const inside = segment.text.slice(start + 1, end).trim();
      return {
        value: {
          number: inside,
          text: segment.text.slice(start, end),
          location: at(start, end),
          unclosed: true,
        },
        end,
      };
    }
    return {
      value: {
        number: segment.text.slice(start + 1, close).trim(),
        text: segment.text.slice(start, close + 1),
        location: at(start, close + 1),
      },
      end: close + 1,
    };
  }
  const next = /^[\s,]*([^\s,]+)/.exec(rest);
  const first = next?.[1];
  if (next === null || first === undefined || directivePrefix.test(first)) return undefined;
  const start = from + next[0].length - first.length;
  // The value runs to the next `render.` word, so that `4 8` or `4,8` is refused whole rather
  // than read as 4; a trailing comma before that word is a separator.
  const following = segment.words.find(
    (word) => word.start > start && directivePrefix.test(word.text),
  );
  const text = segment.text
    .slice(start, following?.start ?? segment.text.length)
    .replace(/[\s,]+$/, '');
  return {
    value: { number: text, text, location: at(start, start + text.length) },
    end: start + text.length,
  };
}

/**
 * The module whose header holds `comment`, given the last module declared before it: the comment
 * lies before the module's body, or on the line where the body starts.
 */
function headerOwner(
  module: ModuleDeclaration | undefined,
  comment: Token,
): ModuleDeclaration | undefined {
  const body = module?.body;
  return body === undefined || comment.start < body.start || comment.line === body.line
    ? module
    : undefined;
}

/**
 * Each `//`-separated part of a line comment that starts with `render.`, so that
 * `//render.model.stl //render.model.off` yields two parts. The first word of a part is located
 * from its `//`; later words at themselves.
 */
function directiveSegments(comment: Token, file: string): Segment[] {
  const segments: Segment[] = [];
  // Offsets in the comment's text, which starts 2 columns after the comment's `//`.
  let partStart = 0;
  for (const part of comment.text.split('//')) {
    const column = comment.column + 2 + partStart;
    const words = [...part.matchAll(/[^\s,]+/g)].map((match, index): Word => {
      const start = index === 0 ? -2 : match.index;
      const end = match.index + match[0].length;
      return {
        text: match[0],
        location: { file, line: comment.line, column: column + start, length: end - start },
        start: match.index,
        end,
      };
    });
    if (words[0] !== undefined && directivePrefix.test(words[0].text)) {
      segments.push({ text: part, column, line: comment.line, words });
    }
    partStart += part.length + 2;
  }
  return segments;
}

/** "did you mean" for an unknown `render.<name>`, or the list of what parascad reads. */
function unknownSettingHint(name: string): string {
  if (findExportFormat(name)) return `did you mean //render.model.${name}?`;
  const [key = '', ...rest] = name.split('.');
  const guess = didYouMean(key, settingNames);
  if (guess === undefined) {
    return 'parascad reads //render.model.<format>, //render.quality N and //render.number_of_threads N';
  }
  return `did you mean //render.${[guess, ...(guess === 'model' ? rest : [])].join('.')}?`;
}

function positiveInteger(text: string): number | undefined {
  const value = Number(text);
  return /^\d+$/.test(text) && Number.isSafeInteger(value) && value > 0 ? value : undefined;
}
