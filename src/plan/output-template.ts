import { posix, win32 } from 'node:path';
import { parseOutputTemplate } from '../config/parse-output-template.js';

/** The output path template when the config sets none. */
export const defaultOutputTemplate = '{name}.{format}';

/** What a template's placeholders stand for, for one output of one part. */
export interface OutputTemplateValues {
  /**
   * `{dir}`: the scad file's folder relative to the project folder, with `/` (`.` for the project
   * folder itself), so that the outputs can mirror the sources' folders.
   */
  readonly dir: string;
  /** `{file}`: the scad file's base name without `.scad`. */
  readonly file: string;
  /** `{module}`: the module, or the file's base name for a whole file. */
  readonly module: string;
  /** `{set}`: the customizer set, empty when the part has none. */
  readonly set: string;
  /** `{name}`: the part's name. */
  readonly name: string;
  /** `{format}`: the export suffix. */
  readonly format: string;
  /** `{param.NAME}`: each variable the part sets, as written. */
  readonly params: ReadonlyMap<string, string>;
}

/** Why a template gives no usable path; `kind` tells problems of the template itself from a part's. */
export interface OutputTemplateProblem {
  readonly kind: 'syntax' | 'missing-param' | 'outside' | 'suffix';
  readonly message: string;
  readonly hint?: string;
}

/**
 * The path, relative to the output folder and with `/` separators, that a template gives one
 * output of a part. Placeholders are `{dir}`, `{file}`, `{module}`, `{set}`, `{param.NAME}`,
 * `{format}` and `{name}`, read by the config loader's `parseOutputTemplate` so that both agree
 * on the syntax; folders may be written in the template (`{file}/{name}.{format}`). Only `{dir}`
 * adds folders of its own: in any other placeholder's value, `/`, `\` and control characters
 * become `_`.
 *
 * The path must stay inside the output folder (not absolute, no `..` above it) and end in
 * `.<format>`, since OpenSCAD picks the exporter by the suffix.
 */
export function renderOutputTemplate(
  template: string,
  values: OutputTemplateValues,
): { readonly path: string } | { readonly problem: OutputTemplateProblem } {
  const quoted = JSON.stringify(template);
  const parsed = parseOutputTemplate(template);
  const [mistake] = parsed.problems;
  if (mistake !== undefined) {
    return {
      problem: {
        kind: 'syntax',
        message: `output template ${quoted} ${mistake.message}`,
        hint: mistake.hint,
      },
    };
  }
  let text = '';
  for (const part of parsed.parts) {
    if (part.kind === 'text') {
      text += part.text;
      continue;
    }
    const value = part.kind === 'param' ? values.params.get(part.name) : values[part.name];
    if (value === undefined) {
      return {
        problem: {
          kind: 'missing-param',
          message: `output template ${quoted} uses {param.${part.name}}, but part ${values.name} sets no ${part.name}`,
          hint: `set ${part.name} under params or matrix of that part, or leave {param.${part.name}} out of the template`,
        },
      };
    }
    text +=
      part.kind === 'placeholder' && part.name === 'dir'
        ? value.replace(/\\/g, '/').replace(/\p{Cc}/gu, '_')
        : value.replace(/[/\\\p{Cc}]/gu, '_');
  }
  const path = posix.normalize(text.replace(/\\/g, '/'));
  const outside =
    posix.isAbsolute(path) ||
    win32.isAbsolute(text) ||
    /^[A-Za-z]:/.test(path) ||
    path === '..' ||
    path.startsWith('../');
  if (outside) {
    return {
      problem: {
        kind: 'outside',
        message: `output template ${quoted} gives ${JSON.stringify(text)} for ${values.name}, which is outside the output folder`,
        hint: 'write a path relative to the output folder, without leading / or ..',
      },
    };
  }
  if (!path.toLowerCase().endsWith(`.${values.format.toLowerCase()}`)) {
    return {
      problem: {
        kind: 'suffix',
        message: `output template ${quoted} gives ${JSON.stringify(text)} for ${values.name}, which does not end in .${values.format}`,
        hint: 'OpenSCAD picks the export format by the suffix: end the template with .{format}',
      },
    };
  }
  return { path };
}
