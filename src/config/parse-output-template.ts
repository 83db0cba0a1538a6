import { didYouMean } from '../util/did-you-mean.js';
import { variableNamePattern } from './openscad-names.js';

/** The placeholders of an output template besides `{param.NAME}`. */
export const outputPlaceholders = ['dir', 'file', 'module', 'set', 'format', 'name'] as const;

export type OutputPlaceholder = (typeof outputPlaceholders)[number];

/** A piece of an output template: literal text, a placeholder, or a parameter's value. */
export type OutputTemplatePart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'placeholder'; readonly name: OutputPlaceholder }
  | { readonly kind: 'param'; readonly name: string };

/** A mistake in a template, with the text it is about for a marker under it. */
export interface OutputTemplateProblem {
  /** Worded to follow the setting's path: `has an unknown placeholder {fromat}`. */
  readonly message: string;
  readonly hint: string;
  /** The offending text, and which of its appearances in the template it is (from 0). */
  readonly text: string;
  readonly occurrence: number;
}

/** A template split into parts, with its problems (none for a template the config accepted). */
export interface ParsedOutputTemplate {
  readonly parts: readonly OutputTemplatePart[];
  readonly problems: readonly OutputTemplateProblem[];
}

const written = '{dir}, {file}, {module}, {set}, {param.NAME}, {format}, {name}';

/**
 * Splits an output path template such as `{module}-{param.size}.{format}` into text and
 * placeholders, so the config loader can refuse a mistake before anything renders and the
 * planner can fill the parts in. Unknown placeholders get the closest known one as a hint; a
 * `{` without its `}` (or the reverse) is a problem rather than a literal brace.
 */
export function parseOutputTemplate(template: string): ParsedOutputTemplate {
  const parts: OutputTemplatePart[] = [];
  const problems: OutputTemplateProblem[] = [];
  const problem = (message: string, hint: string, text: string, at: number): void => {
    problems.push({ message, hint, text, occurrence: occurrencesBefore(template, text, at) });
  };
  let text = '';
  let index = 0;
  while (index < template.length) {
    const character = template.charAt(index);
    if (character === '}') {
      problem(
        'has a "}" without an opening "{"',
        `placeholders are written ${written}`,
        '}',
        index,
      );
    }
    if (character !== '{') {
      text += character;
      index++;
      continue;
    }
    const close = template.indexOf('}', index + 1);
    const reopen = template.indexOf('{', index + 1);
    if (close === -1 || (reopen !== -1 && reopen < close)) {
      problem('has a "{" without a closing "}"', `placeholders are written ${written}`, '{', index);
      text += character;
      index++;
      continue;
    }
    const inner = template.slice(index + 1, close);
    const part = placeholderPart(inner);
    if (part === undefined) {
      problem(`has an unknown placeholder {${inner}}`, placeholderHint(inner), `{${inner}}`, index);
    } else {
      if (text !== '') parts.push({ kind: 'text', text });
      text = '';
      parts.push(part);
    }
    index = close + 1;
  }
  if (text !== '') parts.push({ kind: 'text', text });
  return { parts, problems };
}

function placeholderPart(inner: string): OutputTemplatePart | undefined {
  const placeholder = outputPlaceholders.find((name) => name === inner);
  if (placeholder !== undefined) return { kind: 'placeholder', name: placeholder };
  if (inner.startsWith('param.') && variableNamePattern.test(inner.slice('param.'.length))) {
    return { kind: 'param', name: inner.slice('param.'.length) };
  }
  return undefined;
}

function placeholderHint(inner: string): string {
  const dot = inner.indexOf('.');
  if (dot !== -1) {
    const head = inner.slice(0, dot);
    const name = inner.slice(dot + 1);
    if (head === 'param' || didYouMean(head, ['param']) !== undefined) {
      return variableNamePattern.test(name)
        ? `did you mean {param.${name}}?`
        : `{param.NAME} takes an OpenSCAD variable name, such as {param.width}`;
    }
  }
  const guess = didYouMean(inner, outputPlaceholders);
  return guess === undefined ? `placeholders are ${written}` : `did you mean {${guess}}?`;
}

function occurrencesBefore(template: string, text: string, end: number): number {
  let count = 0;
  for (
    let at = template.indexOf(text);
    at !== -1 && at < end;
    at = template.indexOf(text, at + 1)
  ) {
    count++;
  }
  return count;
}
