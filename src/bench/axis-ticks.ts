/** Ticks of a chart axis that starts at 0. */
export interface AxisTicks {
  /** The axis' end: the last tick, at or above the largest value shown. */
  readonly max: number;
  /** From 0 to `max`, evenly spaced. */
  readonly values: readonly number[];
}

/**
 * Evenly spaced ticks from 0 up to the first tick at or above `max`, at most `maxIntervals`
 * apart. Worker axes (`integer`) step by powers of two (1, 2, 4, 8, …), since worker counts
 * usually are; other axes step by 1, 2 or 5 times a power of ten.
 */
export function axisTicks(
  max: number,
  options: { readonly maxIntervals: number; readonly integer: boolean },
): AxisTicks {
  const top = Number.isFinite(max) && max > 0 ? max : 1;
  const step = options.integer
    ? powerOfTwoStep(top, options.maxIntervals)
    : decimalStep(top, options.maxIntervals);
  const intervals = Math.max(1, Math.ceil(top / step - 1e-9));
  // Multiplying instead of adding keeps 0.1 + 0.2 errors out of the tick values.
  const values = Array.from({ length: intervals + 1 }, (_, index) => round(index * step));
  return { max: values.at(-1) ?? step, values };
}

function powerOfTwoStep(max: number, maxIntervals: number): number {
  let step = 1;
  while (Math.ceil(max / step) > maxIntervals) step *= 2;
  return step;
}

function decimalStep(max: number, maxIntervals: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(max / maxIntervals));
  for (const factor of [1, 2, 5, 10, 20]) {
    const step = factor * magnitude;
    if (Math.ceil(max / step - 1e-9) <= maxIntervals) return step;
  }
  return 50 * magnitude;
}

function round(value: number): number {
  return Number(value.toPrecision(12));
}
