import * as z from 'zod';
import { unknownSuffixProblem } from '../discovery/scan-annotations.js';
import { exportSuffixes, findExportFormat } from '../plan/export-formats.js';
import type { ProblemParams } from './issue-problems.js';

const suffixes = exportSuffixes();

// JSON Schema has no case-insensitive flag: spell each letter both ways ("[sS][tT][lL]").
const suffixPattern = `^\\.?(?:${suffixes
  .map((suffix) =>
    suffix.replace(/[a-z]/gi, (letter) => `[${letter.toLowerCase()}${letter.toUpperCase()}]`),
  )
  .join('|')})$`;

/**
 * One export format as a config writes it: a file suffix OpenSCAD exports, in any case, with or
 * without a leading dot. Parses to the lower-case suffix without the dot; an unknown suffix is a
 * problem with the closest known one as a hint. Shared by `render_config.yml` and the project
 * config so both accept and word the same.
 */
export const exportFormatSchema = z
  .string({ error: 'must be an export format such as stl' })
  // The enum lets editors complete the suffixes; the pattern accepts what parascad accepts too.
  .meta({ anyOf: [{ enum: [...suffixes] }, { pattern: suffixPattern }] })
  .transform((written, context) => {
    const suffix = written.replace(/^\./, '').toLowerCase();
    if (findExportFormat(suffix) === undefined) {
      const { message, hint } = unknownSuffixProblem(suffix, undefined, written);
      context.addIssue({
        code: 'custom',
        message,
        params: { ...(hint === undefined ? {} : { hint }) } satisfies ProblemParams,
      });
      return z.NEVER;
    }
    return suffix;
  });
