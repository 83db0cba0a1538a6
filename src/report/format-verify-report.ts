import { relative } from 'node:path';
import type { VerifyTotals } from '../verify/summarise-verdicts.js';
import type {
  EngineOutcome,
  FileVerdict,
  RenderOutcome,
  VerifiedEngine,
} from '../verify/verify-engines.js';
import { formatDuration } from './format-duration.js';

/**
 * The verification as Markdown: a line per file (plain openscad, each parascad engine, whether
 * the outputs agree, the engines' time ratio), the totals, and every file where parascad lost a
 * render or disagrees, with what it said.
 */
export function formatVerifyReport(
  verdicts: readonly FileVerdict[],
  totals: VerifyTotals,
  engines: readonly VerifiedEngine[],
  cwd: string,
): string {
  const shown = (file: string): string => relative(cwd, file) || file;
  const header = ['file', 'plain openscad', ...engines.map((engine) => `parascad ${engine}`)];
  const ratio = engines.includes('wasm') && engines.includes('native');
  if (ratio) header.push('wasm / native time');
  const rows = verdicts.map((verdict) => {
    const cells = [
      `${shown(verdict.file)} (${verdict.format})`,
      outcomeCell(verdict.plain),
      ...engines.map((engine) => engineCell(verdict.engines[engine])),
    ];
    if (ratio) cells.push(timeRatio(verdict.engines.wasm, verdict.engines.native));
    return `| ${cells.map(escapeCell).join(' | ')} |`;
  });
  const lines = [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows,
    '',
    legend,
    '',
    '## Totals',
    '',
    `- ${count(totals.files, 'file')}: plain openscad ${renderedAndFailed(totals.plain.rendered, totals.plain.failed, totals.files)}`,
    ...engines.map((engine) => {
      const total = totals.engines[engine];
      if (total === undefined) return `- parascad ${engine}: not run`;
      const alsoFailed = total.failed - total.lost;
      const why = [
        ...(total.lost > 0 ? [`lost ${total.lost} that plain openscad rendered`] : []),
        ...(alsoFailed > 0 ? [`${alsoFailed} that plain openscad failed on too`] : []),
      ];
      const failures = why.length === 0 ? '' : ` (${why.join('; ')})`;
      return [
        `- parascad ${engine}: ${renderedAndFailed(total.rendered, total.failed, totals.files)}${failures}`,
        `${total.disagreeing === 0 ? 'no output disagrees' : `${count(total.disagreeing, 'output')} ${total.disagreeing === 1 ? 'disagrees' : 'disagree'}`} with plain openscad's`,
        ...(total.gained > 0
          ? [`${count(total.gained, 'file')} rendered that plain openscad failed on`]
          : []),
      ].join('; ');
    }),
  ];
  if (ratio) {
    const wasm = totals.engines.wasm?.seconds ?? 0;
    const native = totals.engines.native?.seconds ?? 0;
    if (native > 0) {
      lines.push(
        `- time over the files both engines rendered: wasm ${formatDuration(wasm)}, native ${formatDuration(native)} (wasm/native ${(wasm / native).toFixed(2)}×)`,
      );
    }
  }
  const problems = verdicts.flatMap((verdict) =>
    engines.flatMap((engine) => {
      const outcome = verdict.engines[engine];
      const lost = verdict.plain.status === 'ok' && outcome?.status !== 'ok';
      if (!lost && outcome?.agrees !== false) return [];
      const what = lost
        ? `failed: ${outcome?.reason ?? 'not run'}`
        : `disagrees: ${outcome?.detail ?? ''}`;
      return [`- ${shown(verdict.file)} — parascad ${engine} ${what}`];
    }),
  );
  if (problems.length > 0) lines.push('', '## Lost or disagreeing', '', ...problems);
  return `${lines.join('\n')}\n`;
}

/** What the table's symbols mean. */
const legend =
  "✓ the output agrees with plain openscad's (3D: volume within 0.1% and the same bounds; 2D: the same bounds and area) · ✗ it does not (how follows) · – not run · times are each renderer's wall time";

/** `rendered 47 and failed on 1`, `rendered all 3`, `failed on both`. */
function renderedAndFailed(rendered: number, failed: number, files: number): string {
  if (failed === 0) return files === 1 ? 'rendered it' : `rendered all ${files}`;
  if (rendered === 0) return files === 1 ? 'failed on it' : `failed on all ${files}`;
  return `rendered ${rendered} and failed on ${failed}`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function outcomeCell(outcome: RenderOutcome): string {
  return outcome.status === 'ok'
    ? `ok ${formatDuration(outcome.seconds)}`
    : `failed: ${outcome.reason ?? ''}`;
}

function engineCell(outcome: EngineOutcome | undefined): string {
  if (outcome === undefined) return '–';
  if (outcome.status !== 'ok') return outcomeCell(outcome);
  const agreement =
    outcome.agrees === undefined ? '' : outcome.agrees ? ' ✓' : ` ✗ ${outcome.detail ?? ''}`;
  return `ok ${formatDuration(outcome.seconds)}${agreement}`;
}

function timeRatio(wasm: EngineOutcome | undefined, native: EngineOutcome | undefined): string {
  if (wasm?.status !== 'ok' || native?.status !== 'ok' || native.seconds === 0) return '–';
  return `${(wasm.seconds / native.seconds).toFixed(2)}×`;
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
