import { relative } from 'node:path';
import pc from 'picocolors';
import type { OutputChange, RunChanges } from '../changes/run-changes-schema.js';
import type { PartResult } from '../run/part-result.js';

/** Changed parts listed without `--verbose`; the rest are counted. */
const listedChanges = 10;

/** How the changes are printed. */
export interface FormatChangesOptions {
  readonly cwd: string;
  readonly color: boolean;
  /** Every changed part with its deltas, and the new and gone ones by name. */
  readonly verbose: boolean;
}

/**
 * What changed since the previous run (or against the baseline), for the summary:
 *
 * ```text
 * since the last run: 1 changed · 1 new · 1 gone · 12 unchanged
 *   ~ lid  stl: volume +1250 mm³ · size z +2 mm
 *   ~ hub  stl: volume +585 mm³ (wasm; native before)
 * ```
 *
 * Nothing on a project's first run, when there is nothing to compare with, nor when no part
 * delivered anything to compare.
 */
export function formatChanges(
  changes: RunChanges,
  results: readonly PartResult[],
  options: FormatChangesOptions,
): string[] {
  const colors = pc.createColors(options.color);
  if (changes.against === 'previous-run' && changes.previousRunAt === undefined) return [];
  // A run in which no part delivered anything (all failed or cancelled) compared nothing.
  if (Object.keys(changes.parts).length === 0 && changes.gone.length === 0) return [];
  // Their unchanged outputs were compared by their measures, not triangle by triangle: say so.
  const acrossEngines = Object.values(changes.parts).filter(
    (part) => part.status === 'unchanged' && part.engines !== undefined,
  ).length;
  const counts = [
    changes.changed > 0 ? colors.yellow(`${changes.changed} changed`) : undefined,
    changes.new > 0 ? `${changes.new} new` : undefined,
    changes.gone.length > 0 ? `${changes.gone.length} gone` : undefined,
    `${changes.unchanged} unchanged${
      acrossEngines === 0
        ? ''
        : ` (${acrossEngines} rendered on another engine than before: the same volume, area and size within rounding)`
    }`,
  ].filter((count) => count !== undefined);
  const against =
    changes.baseline === undefined
      ? 'since the last run'
      : `against ${relative(options.cwd, changes.baseline) || '.'}`;
  const lines = [`${against}: ${counts.join(' · ')}`];
  const names = new Map(results.map((result) => [result.job.id, result.job.name]));
  const changed = Object.entries(changes.parts).filter(([, part]) => part.status === 'changed');
  const shown = options.verbose ? changed : changed.slice(0, listedChanges);
  for (const [id, part] of shown) {
    const what = Object.entries(part.outputs)
      .filter(([, output]) => output.status !== 'unchanged' && output.status !== 'same-geometry')
      .map(([format, output]) => `${format}: ${describeOutputChange(output)}`);
    const engines =
      part.engines === undefined
        ? ''
        : colors.dim(` (${part.engines.current}; ${part.engines.previous} before)`);
    lines.push(`  ${colors.yellow('~')} ${names.get(id) ?? id}  ${what.join(' · ')}${engines}`);
  }
  if (shown.length < changed.length) {
    lines.push(colors.dim(`  … and ${changed.length - shown.length} more (--verbose lists them)`));
  }
  if (options.verbose) {
    for (const [id, part] of Object.entries(changes.parts)) {
      if (part.status === 'new') lines.push(`  + ${names.get(id) ?? id}`);
    }
    for (const part of changes.gone) lines.push(`  - ${part.name}`);
  }
  return lines;
}

/** One output's change in words: `volume +1250 mm³, size z +2 mm`, or `new`, `gone`, `changed`. */
export function describeOutputChange(output: OutputChange): string {
  if (output.status === 'new' || output.status === 'gone') return output.status;
  const words: string[] = [];
  if (output.volumeDelta !== undefined && !nearZero(output.volumeDelta)) {
    words.push(`volume ${signed(output.volumeDelta)} mm³`);
  }
  const bounds = output.boundsDelta;
  if (bounds !== undefined) {
    bounds.max.forEach((max, axis) => {
      const size = max - (bounds.min[axis] ?? 0);
      if (!nearZero(size)) words.push(`size ${'xyz'[axis] ?? axis} ${signed(size)} mm`);
    });
    const moved = bounds.min.some((min) => !nearZero(min));
    if (moved && words.every((word) => !word.startsWith('size'))) words.push('moved');
  }
  if (words.length === 0 && output.areaDelta !== undefined && !nearZero(output.areaDelta)) {
    words.push(`area ${signed(output.areaDelta)} mm²`);
  }
  if (words.length === 0 && output.trianglesDelta !== undefined && output.trianglesDelta !== 0) {
    words.push(`${signed(output.trianglesDelta)} triangles`);
  }
  return words.length === 0 ? 'geometry changed' : words.join(', ');
}

function signed(value: number): string {
  const text = Number(value.toPrecision(4)).toString();
  return value > 0 ? `+${text}` : text;
}

function nearZero(value: number): boolean {
  return Math.abs(value) < 1e-6;
}
