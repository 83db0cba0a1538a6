import type { FileVerdict, VerifiedEngine } from './verify-engines.js';

/** The totals of a verification, per renderer. */
export interface VerifyTotals {
  readonly files: number;
  readonly plain: { readonly rendered: number; readonly failed: number };
  readonly engines: Partial<
    Record<
      VerifiedEngine,
      {
        readonly rendered: number;
        readonly failed: number;
        /** Files plain openscad rendered but this engine did not. */
        readonly lost: number;
        /** Files both rendered whose outputs disagree. */
        readonly disagreeing: number;
        /** Files plain openscad failed on but this engine rendered. */
        readonly gained: number;
        /** Sum of this engine's render times over the files both parascad engines rendered. */
        readonly seconds: number;
      }
    >
  >;
}

/** Counts what each renderer did over the files. */
export function summariseVerdicts(
  verdicts: readonly FileVerdict[],
  engines: readonly VerifiedEngine[],
): VerifyTotals {
  const renderedByAll = verdicts.filter((verdict) =>
    engines.every((engine) => verdict.engines[engine]?.status === 'ok'),
  );
  const totals: VerifyTotals['engines'] = Object.fromEntries(
    engines.map((engine) => {
      const outcomes = verdicts.map((verdict) => ({ verdict, outcome: verdict.engines[engine] }));
      const ok = outcomes.filter(({ outcome }) => outcome?.status === 'ok');
      return [
        engine,
        {
          rendered: ok.length,
          failed: outcomes.length - ok.length,
          lost: outcomes.filter(
            ({ verdict, outcome }) => verdict.plain.status === 'ok' && outcome?.status !== 'ok',
          ).length,
          disagreeing: ok.filter(({ outcome }) => outcome?.agrees === false).length,
          gained: ok.filter(({ verdict }) => verdict.plain.status !== 'ok').length,
          seconds: renderedByAll.reduce(
            (sum, verdict) => sum + (verdict.engines[engine]?.seconds ?? 0),
            0,
          ),
        },
      ];
    }),
  );
  const plainRendered = verdicts.filter((verdict) => verdict.plain.status === 'ok').length;
  return {
    files: verdicts.length,
    plain: { rendered: plainRendered, failed: verdicts.length - plainRendered },
    engines: totals,
  };
}
