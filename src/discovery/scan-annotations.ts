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
      readonly value: Word | undefined;
    }
  | { readonly kind: 'unknown'; readonly word: Word };

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
export function scanAnnotations(source: string, file: string): AnnotationScan {
  const tokens = lexOpenScad(source);
  const modules = listModules(source, file, tokens);
  const warnings: ConfigProblem[] = [];
  const problems: ConfigProblem[] = [];
  const models = new ModelCollector();
  const nestedReported = new Set<ModuleDeclaration>();
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
      const number = value === undefined ? undefined : positiveInteger(value.text);
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
export function unknownSuffixProblem(suffix: string, location?: ProblemLocation): ConfigProblem {
  const guess = didYouMean(suffix, exportSuffixes());
  return {
    message: `unknown export format "${suffix}"`,
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
    message: `module ${module.name} is declared inside a block (line ${module.location.line}), so it cannot be rendered on its own`,
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
    for (const words of directiveSegments(comment, file)) {
      for (let index = 0; index < words.length; index++) {
        const word = words[index];
        if (word === undefined || !directivePrefix.test(word.text)) continue;
        const [key = '', ...rest] = word.text.slice('render.'.length).split('.');
        const setting = key.toLowerCase();
        if (setting === 'model') {
          yield { kind: 'model', word, suffix: rest.join('.'), owner };
        } else if (
          rest.length === 0 &&
          (setting === 'quality' || setting === 'number_of_threads')
        ) {
          const next = words[index + 1];
          const value = next === undefined || directivePrefix.test(next.text) ? undefined : next;
          if (value !== undefined) index++;
          yield { kind: 'setting', word, setting, value };
        } else {
          yield { kind: 'unknown', word };
        }
      }
    }
  }
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
 * The words of each `//`-separated part of a line comment that starts with `render.`, so that
 * `//render.model.stl //render.model.off` yields two parts. The first word of a part is located
 * from its `//`; later words at themselves.
 */
function directiveSegments(comment: Token, file: string): Word[][] {
  const segments: Word[][] = [];
  // Offsets in the comment's text, which starts 2 columns after the comment's `//`.
  let partStart = 0;
  for (const part of comment.text.split('//')) {
    const words = [...part.matchAll(/[^\s,]+/g)].map((match, index): Word => {
      const offset = partStart + match.index;
      const start = index === 0 ? partStart - 2 : offset;
      const length = offset + match[0].length - start;
      return {
        text: match[0],
        location: { file, line: comment.line, column: comment.column + 2 + start, length },
      };
    });
    if (words[0] !== undefined && directivePrefix.test(words[0].text)) segments.push(words);
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
