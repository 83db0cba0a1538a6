import { axisTicks } from './axis-ticks.js';
import { escapeXml } from './escape-xml.js';

/** One worker count on the chart: its measured run, or the median of several. */
export interface ScalingPoint {
  readonly workers: number;
  /** Wall time of the baseline run divided by this run's. */
  readonly speedup: number;
  /** The spread of the speed-up when the count ran more than once. */
  readonly speedupMin?: number;
  readonly speedupMax?: number;
  /**
   * The measured wall time, its spread, and the run's lower bound: with them, a second panel
   * charts seconds against workers.
   */
  readonly wallSeconds?: number;
  readonly wallMinSeconds?: number;
  readonly wallMaxSeconds?: number;
  readonly lowerBoundSeconds?: number;
}

export interface ScalingChartOptions {
  /** @default 'parascad bench: speed-up vs workers' */
  readonly title?: string;
  /** A second line under the title, e.g. the project and the engine. */
  readonly subtitle?: string;
  /**
   * Workers of the run the speed-ups are relative to; the ideal line reaches a speed-up of 1
   * there. @default the smallest worker count among the points
   */
  readonly baselineWorkers?: number;
}

const width = 640;
const panelHeight = 400;
const plot = { left: 64, top: 64, width: 552, height: 280 } as const;
const measuredColor = '#1d4ed8';
const idealColor = '#6b7280';

/**
 * A standalone SVG chart of speed-up against workers, readable in a browser: the measured runs
 * as a line with a dot per run (hovering a dot shows its numbers), the ideal linear speed-up as a
 * dashed line, both axes starting at 0 with ticks and labels, a title and a legend. Both axes are
 * linear, so the distance between the two lines is what parallel rendering lost. Points that are
 * not finite numbers (a run too short to time) are left out.
 */
export function scalingChartSvg(
  points: readonly ScalingPoint[],
  options: ScalingChartOptions = {},
): string {
  const shown = points
    .filter((point) => Number.isFinite(point.workers) && Number.isFinite(point.speedup))
    .sort((a, b) => a.workers - b.workers);
  const timed = shown.filter((point) => Number.isFinite(point.wallSeconds));
  const height = timed.length > 0 ? 2 * panelHeight : panelHeight;
  const baseline = options.baselineWorkers ?? shown[0]?.workers ?? 1;
  const xTicks = axisTicks(Math.max(baseline, ...shown.map((point) => point.workers)), {
    maxIntervals: 10,
    integer: true,
  });
  const yTicks = axisTicks(
    Math.max(xTicks.max / baseline, ...shown.map((point) => point.speedup)),
    { maxIntervals: 8, integer: false },
  );
  const x = (workers: number): number => plot.left + (workers / xTicks.max) * plot.width;
  const y = (speedup: number): number =>
    plot.top + plot.height - (speedup / yTicks.max) * plot.height;
  const bottom = plot.top + plot.height;
  const right = plot.left + plot.width;
  const title = options.title ?? 'parascad bench: speed-up vs workers';
  const idealLabel =
    baseline === 1 ? 'ideal: speed-up = workers' : `ideal: speed-up = workers ÷ ${baseline}`;
  const description = shown
    .map((point) => `${plural(point.workers, 'worker')}: ${point.speedup.toFixed(2)}×`)
    .join(', ');

  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="chart-title chart-desc" font-family="system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif" font-size="12" fill="#111827">`,
    `<title id="chart-title">${escapeXml(title)}</title>`,
    `<desc id="chart-desc">${escapeXml(`Speed-up by workers. ${description === '' ? 'No runs.' : description}`)}</desc>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text class="title" x="${width / 2}" y="26" text-anchor="middle" font-size="16" font-weight="600">${escapeXml(title)}</text>`,
    ...(options.subtitle === undefined
      ? []
      : [
          `<text class="subtitle" x="${width / 2}" y="46" text-anchor="middle" fill="#4b5563">${escapeXml(options.subtitle)}</text>`,
        ]),
    `<rect class="plot-area" x="${plot.left}" y="${plot.top}" width="${plot.width}" height="${plot.height}" fill="none"/>`,
    '<g class="grid" stroke="#e5e7eb" stroke-width="1">',
    ...xTicks.values.map(
      (value) => `<line x1="${n(x(value))}" y1="${plot.top}" x2="${n(x(value))}" y2="${bottom}"/>`,
    ),
    ...yTicks.values.map(
      (value) => `<line x1="${plot.left}" y1="${n(y(value))}" x2="${right}" y2="${n(y(value))}"/>`,
    ),
    '</g>',
    '<g class="x-axis">',
    `<line x1="${plot.left}" y1="${bottom}" x2="${right}" y2="${bottom}" stroke="#111827"/>`,
    ...xTicks.values.flatMap((value) => [
      `<line x1="${n(x(value))}" y1="${bottom}" x2="${n(x(value))}" y2="${bottom + 5}" stroke="#111827"/>`,
      `<text class="x-tick-label" x="${n(x(value))}" y="${bottom + 19}" text-anchor="middle">${value}</text>`,
    ]),
    `<text class="x-label" x="${n(plot.left + plot.width / 2)}" y="${bottom + 42}" text-anchor="middle" font-size="13">workers</text>`,
    '</g>',
    '<g class="y-axis">',
    `<line x1="${plot.left}" y1="${plot.top}" x2="${plot.left}" y2="${bottom}" stroke="#111827"/>`,
    ...yTicks.values.flatMap((value) => [
      `<line x1="${plot.left - 5}" y1="${n(y(value))}" x2="${plot.left}" y2="${n(y(value))}" stroke="#111827"/>`,
      `<text class="y-tick-label" x="${plot.left - 9}" y="${n(y(value) + 4)}" text-anchor="end">${value}×</text>`,
    ]),
    `<text class="y-label" x="18" y="${n(plot.top + plot.height / 2)}" text-anchor="middle" font-size="13" transform="rotate(-90 18 ${n(plot.top + plot.height / 2)})">speed-up</text>`,
    '</g>',
    `<line class="ideal" x1="${n(x(0))}" y1="${n(y(0))}" x2="${n(x(xTicks.max))}" y2="${n(y(xTicks.max / baseline))}" stroke="${idealColor}" stroke-width="1.5" stroke-dasharray="6 4"/>`,
    ...(shown.length === 0
      ? []
      : [
          `<polyline class="measured" points="${shown.map((point) => `${n(x(point.workers))},${n(y(point.speedup))}`).join(' ')}" fill="none" stroke="${measuredColor}" stroke-width="2" stroke-linejoin="round"/>`,
          '<g class="points">',
          ...shown.map(
            (point) =>
              `<circle class="point" cx="${n(x(point.workers))}" cy="${n(y(point.speedup))}" r="4" fill="${measuredColor}"><title>${escapeXml(`${plural(point.workers, 'worker')}: ${point.speedup.toFixed(2)}× speed-up`)}</title></circle>`,
          ),
          '</g>',
          ...spreads(
            shown,
            (point) => x(point.workers),
            (point) =>
              [point.speedupMin, point.speedupMax].map((value) => y(value ?? point.speedup)),
            measuredColor,
          ),
        ]),
    ...legend(idealLabel),
    ...(timed.length > 0 ? timePanel(timed, xTicks.max) : []),
    '</svg>',
  ];
  return `${lines.join('\n')}\n`;
}

const wallColor = '#b45309';
const boundColor = '#059669';

/**
 * The second panel, under the first: the measured wall time (a dot per count, a bar from the
 * fastest to the slowest run when it ran more than once) and the lower bound no schedule of the
 * same parts beats, in seconds against workers, so the gap between them is visible in time.
 */
function timePanel(points: readonly ScalingPoint[], workersMax: number): string[] {
  const top = panelHeight + plot.top;
  const bottom = top + plot.height;
  const right = plot.left + plot.width;
  const yTicks = axisTicks(
    Math.max(...points.map((point) => point.wallMaxSeconds ?? point.wallSeconds ?? 0)),
    { maxIntervals: 8, integer: false },
  );
  const xTicks = axisTicks(workersMax, { maxIntervals: 10, integer: true });
  const x = (workers: number): number => plot.left + (workers / xTicks.max) * plot.width;
  const y = (seconds: number): number => bottom - (seconds / yTicks.max) * plot.height;
  const series = (values: readonly (number | undefined)[]): string =>
    points
      .flatMap((point, index) => {
        const value = values[index];
        return value === undefined || !Number.isFinite(value)
          ? []
          : [`${n(x(point.workers))},${n(y(value))}`];
      })
      .join(' ');
  const bounds = points.map((point) => point.lowerBoundSeconds);
  return [
    `<text class="time-title" x="${width / 2}" y="${panelHeight + 36}" text-anchor="middle" font-size="14" font-weight="600">wall time vs workers</text>`,
    `<rect class="time-plot-area" x="${plot.left}" y="${top}" width="${plot.width}" height="${plot.height}" fill="none"/>`,
    '<g class="time-grid" stroke="#e5e7eb" stroke-width="1">',
    ...yTicks.values.map(
      (value) => `<line x1="${plot.left}" y1="${n(y(value))}" x2="${right}" y2="${n(y(value))}"/>`,
    ),
    '</g>',
    `<line x1="${plot.left}" y1="${bottom}" x2="${right}" y2="${bottom}" stroke="#111827"/>`,
    `<line x1="${plot.left}" y1="${top}" x2="${plot.left}" y2="${bottom}" stroke="#111827"/>`,
    ...xTicks.values.map(
      (value) =>
        `<text class="time-x-tick-label" x="${n(x(value))}" y="${bottom + 19}" text-anchor="middle">${value}</text>`,
    ),
    `<text x="${n(plot.left + plot.width / 2)}" y="${bottom + 42}" text-anchor="middle" font-size="13">workers</text>`,
    ...yTicks.values.map(
      (value) =>
        `<text class="time-y-tick-label" x="${plot.left - 9}" y="${n(y(value) + 4)}" text-anchor="end">${value}s</text>`,
    ),
    `<text x="18" y="${n(top + plot.height / 2)}" text-anchor="middle" font-size="13" transform="rotate(-90 18 ${n(top + plot.height / 2)})">seconds</text>`,
    `<polyline class="lower-bound" points="${series(bounds)}" fill="none" stroke="${boundColor}" stroke-width="2" stroke-dasharray="2 3"/>`,
    `<polyline class="wall" points="${series(points.map((point) => point.wallSeconds))}" fill="none" stroke="${wallColor}" stroke-width="2"/>`,
    '<g class="wall-points">',
    ...points.map(
      (point) =>
        `<circle class="wall-point" cx="${n(x(point.workers))}" cy="${n(y(point.wallSeconds ?? 0))}" r="4" fill="${wallColor}"><title>${escapeXml(`${plural(point.workers, 'worker')}: wall ${(point.wallSeconds ?? 0).toFixed(2)}s${point.wallMinSeconds !== point.wallMaxSeconds ? ` (${(point.wallMinSeconds ?? 0).toFixed(2)}–${(point.wallMaxSeconds ?? 0).toFixed(2)}s)` : ''}, lower bound ${(point.lowerBoundSeconds ?? 0).toFixed(2)}s`)}</title></circle>`,
    ),
    '</g>',
    ...spreads(
      points,
      (point) => x(point.workers),
      (point) =>
        [point.wallMinSeconds, point.wallMaxSeconds].map((value) =>
          y(value ?? point.wallSeconds ?? 0),
        ),
      wallColor,
    ),
    '<g class="time-legend">',
    `<rect x="${right - 212}" y="${top + 10}" width="200" height="48" fill="#ffffff" fill-opacity="0.9" stroke="#d1d5db"/>`,
    `<line x1="${right - 202}" y1="${top + 26}" x2="${right - 178}" y2="${top + 26}" stroke="${wallColor}" stroke-width="2"/>`,
    `<text x="${right - 170}" y="${top + 30}">measured wall time</text>`,
    `<line x1="${right - 202}" y1="${top + 44}" x2="${right - 178}" y2="${top + 44}" stroke="${boundColor}" stroke-width="2" stroke-dasharray="2 3"/>`,
    `<text x="${right - 170}" y="${top + 48}">lower bound</text>`,
    '</g>',
  ];
}

/** A vertical bar with caps from the lowest to the highest run, for counts measured more than once. */
function spreads(
  points: readonly ScalingPoint[],
  xOf: (point: ScalingPoint) => number,
  rangeOf: (point: ScalingPoint) => number[],
  color: string,
): string[] {
  const bars = points.flatMap((point) => {
    const [from = 0, to = 0] = rangeOf(point);
    if (!Number.isFinite(from) || !Number.isFinite(to) || Math.abs(from - to) < 0.5) return [];
    const x = n(xOf(point));
    return [
      `<path class="spread" d="M${x - 5},${n(from)}H${x + 5}M${x},${n(from)}V${n(to)}M${x - 5},${n(to)}H${x + 5}" stroke="${color}" stroke-width="1.5" fill="none"/>`,
    ];
  });
  return bars.length === 0 ? [] : ['<g class="spreads">', ...bars, '</g>'];
}

/** In the plot's top-left corner, which the lines leave empty: both rise to the right. */
function legend(idealLabel: string): string[] {
  const left = plot.left + 12;
  const top = plot.top + 10;
  const widest = Math.max('measured'.length, idealLabel.length);
  return [
    '<g class="legend">',
    // Text width is a guess (no font metrics here): 7 px per character at 12 px is generous.
    `<rect x="${left}" y="${top}" width="${44 + widest * 7}" height="48" fill="#ffffff" fill-opacity="0.9" stroke="#d1d5db"/>`,
    `<line x1="${left + 10}" y1="${top + 16}" x2="${left + 34}" y2="${top + 16}" stroke="${measuredColor}" stroke-width="2"/>`,
    `<circle cx="${left + 22}" cy="${top + 16}" r="4" fill="${measuredColor}"/>`,
    `<text x="${left + 42}" y="${top + 20}">measured</text>`,
    `<line x1="${left + 10}" y1="${top + 34}" x2="${left + 34}" y2="${top + 34}" stroke="${idealColor}" stroke-width="1.5" stroke-dasharray="6 4"/>`,
    `<text x="${left + 42}" y="${top + 38}">${escapeXml(idealLabel)}</text>`,
    '</g>',
  ];
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** Coordinates to two decimals: enough for any screen, short enough to read. */
function n(value: number): number {
  return Math.round(value * 100) / 100;
}
