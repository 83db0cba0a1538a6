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
    '## Totals',
    '',
    `- files: ${totals.files}; plain openscad rendered ${totals.plain.rendered}, failed ${totals.plain.failed}`,
    ...engines.map((engine) => {
      const total = totals.engines[engine];
      if (total === undefined) return `- parascad ${engine}: not run`;
      return `- parascad ${engine}: rendered ${total.rendered}, failed ${total.failed} (of which plain openscad rendered ${total.lost}), disagreeing ${total.disagreeing}, rendered where plain openscad failed ${total.gained}`;
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
