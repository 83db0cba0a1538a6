import { describe, expect, it } from 'vitest';
import { scalingChartSvg, type ScalingPoint } from '../../src/bench/scaling-chart-svg.js';
import { allElements, parseXml, textOf, type XmlElement } from './parse-xml.js';

function byClass(root: XmlElement, className: string): XmlElement[] {
  return allElements(root).filter((element) => element.attributes.get('class') === className);
}

function number(element: XmlElement | undefined, attribute: string): number {
  const value = element?.attributes.get(attribute);
  if (value === undefined) throw new Error(`no ${attribute} attribute`);
  return Number(value);
}

/** The chart's scale, read from what a reader sees: the plot area and the last tick of each axis. */
function scaleOf(root: XmlElement) {
  const area = byClass(root, 'plot-area')[0];
  const left = number(area, 'x');
  const top = number(area, 'y');
  const width = number(area, 'width');
  const height = number(area, 'height');
  const xMax = Number(textOf(byClass(root, 'x-tick-label').at(-1) ?? root));
  const yMax = Number.parseFloat(textOf(byClass(root, 'y-tick-label').at(-1) ?? root));
  return {
    xMax,
    yMax,
    x: (workers: number) => left + (workers / xMax) * width,
    y: (speedup: number) => top + height - (speedup / yMax) * height,
  };
}

const measured: ScalingPoint[] = [
  { workers: 1, speedup: 1 },
  { workers: 2, speedup: 1.8 },
  { workers: 4, speedup: 3.1 },
];

describe('scalingChartSvg', () => {
  it('writes well-formed XML with an svg root a browser displays', () => {
    const svg = scalingChartSvg(measured);
    const root = parseXml(svg);
    expect(root.name).toBe('svg');
    expect(root.attributes.get('xmlns')).toBe('http://www.w3.org/2000/svg');
    expect(root.attributes.get('viewBox')).toBe('0 0 640 400');
    expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg ')).toBe(true);
  });

  it('scales the axes from 0 to the largest worker count and to the ideal speed-up there', () => {
    const root = parseXml(scalingChartSvg(measured));
    expect(byClass(root, 'x-tick-label').map(textOf)).toEqual(['0', '1', '2', '3', '4']);
    expect(byClass(root, 'y-tick-label').map(textOf)).toEqual([
      '0×',
      '0.5×',
      '1×',
      '1.5×',
      '2×',
      '2.5×',
      '3×',
      '3.5×',
      '4×',
    ]);
    const area = byClass(root, 'plot-area')[0];
    expect([
      number(area, 'x'),
      number(area, 'y'),
      number(area, 'width'),
      number(area, 'height'),
    ]).toEqual([64, 64, 552, 280]);
  });

  it('places each measured point at its workers and speed-up', () => {
    const root = parseXml(scalingChartSvg(measured));
    const scale = scaleOf(root);
    const circles = byClass(root, 'point');
    expect(circles).toHaveLength(3);
    circles.forEach((circle, index) => {
      const point = measured[index];
      if (point === undefined) throw new Error('more circles than points');
      expect(number(circle, 'cx')).toBeCloseTo(scale.x(point.workers), 2);
      expect(number(circle, 'cy')).toBeCloseTo(scale.y(point.speedup), 2);
    });
    // 2 workers: half way across 552 px from x = 64; 1.8× of 4×: 126 px up from y = 344.
    expect(number(circles[1], 'cx')).toBeCloseTo(340, 2);
    expect(number(circles[1], 'cy')).toBeCloseTo(218, 2);
  });

  it('joins the points with a line in worker order, whatever order they come in', () => {
    const root = parseXml(scalingChartSvg([...measured].reverse()));
    const scale = scaleOf(root);
    const line = (byClass(root, 'measured')[0]?.attributes.get('points') ?? '')
      .split(' ')
      .map((pair) => pair.split(',').map(Number));
    expect(line).toHaveLength(measured.length);
    line.forEach(([x, y], index) => {
      const point = measured[index];
      if (point === undefined || x === undefined || y === undefined) throw new Error('bad pair');
      expect(x).toBeCloseTo(scale.x(point.workers), 2);
      expect(y).toBeCloseTo(scale.y(point.speedup), 2);
    });
  });

  it('draws the ideal line from the origin through a speed-up of 1 at the baseline', () => {
    const points = [
      { workers: 2, speedup: 1 },
      { workers: 4, speedup: 1.7 },
      { workers: 8, speedup: 2.9 },
    ];
    const root = parseXml(scalingChartSvg(points));
    const scale = scaleOf(root);
    expect(scale.xMax).toBe(8);
    expect(scale.yMax).toBe(4);
    const ideal = byClass(root, 'ideal')[0];
    const [x1, y1, x2, y2] = ['x1', 'y1', 'x2', 'y2'].map((name) => number(ideal, name));
    if (x1 === undefined || y1 === undefined || x2 === undefined || y2 === undefined)
      throw new Error('ideal line without coordinates');
    expect([x1, y1]).toEqual([scale.x(0), scale.y(0)]);
    const yAtBaseline = y1 + ((y2 - y1) * (scale.x(2) - x1)) / (x2 - x1);
    expect(yAtBaseline).toBeCloseTo(scale.y(1), 2);
    expect(y2).toBeCloseTo(scale.y(4), 2);
    expect(textOf(byClass(root, 'legend')[0] ?? root)).toContain('ideal: speed-up = workers ÷ 2');
  });

  it('steps a many-core worker axis by powers of two and keeps the last run at its right end', () => {
    const root = parseXml(
      scalingChartSvg([
        { workers: 1, speedup: 1 },
        { workers: 32, speedup: 20 },
        { workers: 64, speedup: 30 },
      ]),
    );
    expect(byClass(root, 'x-tick-label').map(textOf)).toEqual([
      '0',
      '8',
      '16',
      '24',
      '32',
      '40',
      '48',
      '56',
      '64',
    ]);
    const scale = scaleOf(root);
    expect(scale.yMax).toBeGreaterThanOrEqual(64);
    expect(number(byClass(root, 'point').at(-1), 'cx')).toBeCloseTo(64 + 552, 2);
  });

  it('has a title, axis labels and a legend naming both lines', () => {
    const root = parseXml(scalingChartSvg(measured));
    expect(textOf(byClass(root, 'title')[0] ?? root)).toBe('parascad bench: speed-up vs workers');
    expect(textOf(byClass(root, 'x-label')[0] ?? root)).toBe('workers');
    expect(textOf(byClass(root, 'y-label')[0] ?? root)).toBe('speed-up');
    const legend = textOf(byClass(root, 'legend')[0] ?? root);
    expect(legend).toContain('measured');
    expect(legend).toContain('ideal: speed-up = workers');
  });

  it('escapes markup in the title and subtitle and keeps their text intact', () => {
    const subtitle = `<b>"kit" & 'parts'</b> ]]> \u0007`;
    const svg = scalingChartSvg(measured, { title: 'A & B <1>', subtitle });
    const root = parseXml(svg);
    expect(textOf(byClass(root, 'title')[0] ?? root)).toBe('A & B <1>');
    expect(textOf(byClass(root, 'subtitle')[0] ?? root)).toBe(`<b>"kit" & 'parts'</b> ]]> `);
    expect(svg).not.toContain('<b>');
  });

  it('shows every run in a tooltip and in the description for screen readers', () => {
    const root = parseXml(scalingChartSvg(measured));
    const tips = byClass(root, 'point').map(textOf);
    expect(tips).toEqual([
      '1 worker: 1.00× speed-up',
      '2 workers: 1.80× speed-up',
      '4 workers: 3.10× speed-up',
    ]);
    const desc = allElements(root).find((element) => element.name === 'desc');
    expect(textOf(desc ?? root)).toBe(
      'Speed-up by workers. 1 worker: 1.00×, 2 workers: 1.80×, 4 workers: 3.10×',
    );
  });

  it('leaves out points that are not numbers and still draws the axes', () => {
    const root = parseXml(
      scalingChartSvg([
        { workers: 1, speedup: 1 },
        { workers: 2, speedup: Number.NaN },
      ]),
    );
    expect(byClass(root, 'point')).toHaveLength(1);
    expect(byClass(root, 'x-tick-label').length).toBeGreaterThan(1);
    expect(parseXml(scalingChartSvg([])).name).toBe('svg');
  });
});

describe('the XML check these tests rely on', () => {
  it.each([
    ['an element closed by the wrong tag', '<svg><g></svg>'],
    ['an element never closed', '<svg><g>'],
    ['a repeated attribute', '<svg a="1" a="2"/>'],
    ['an unquoted attribute', '<svg a=1/>'],
    ['a raw ampersand', '<svg>fish & chips</svg>'],
    ['a raw less-than sign', '<svg><text>1 < 2</text></svg>'],
    ['a less-than sign in an attribute', '<svg a="<"/>'],
    ['two root elements', '<svg/><svg/>'],
    ['attributes without space between them', '<svg a="1"b="2"/>'],
  ])('rejects %s', (_, xml) => {
    expect(() => parseXml(xml)).toThrow();
  });

  it('decodes entities in text and attributes', () => {
    const root = parseXml('<a t="&quot;&#65;&#x42;">&lt;&amp;&gt;&apos;</a>');
    expect(root.attributes.get('t')).toBe('"AB');
    expect(textOf(root)).toBe("<&>'");
  });
});

describe('scalingChartSvg with wall times', () => {
  const timed: ScalingPoint[] = [
    {
      workers: 1,
      speedup: 1,
      wallSeconds: 10,
      wallMinSeconds: 9,
      wallMaxSeconds: 12,
      lowerBoundSeconds: 8,
    },
    {
      workers: 2,
      speedup: 1.8,
      speedupMin: 1.5,
      speedupMax: 2,
      wallSeconds: 5.5,
      wallMinSeconds: 5,
      wallMaxSeconds: 6.6,
      lowerBoundSeconds: 4,
    },
  ];

  it('adds a panel with the measured wall times and the lower bound as series', () => {
    const root = parseXml(scalingChartSvg(timed));
    expect(root.attributes.get('viewBox')).toBe('0 0 640 800');
    expect(byClass(root, 'wall-point')).toHaveLength(2);
    expect(byClass(root, 'wall')[0]?.attributes.get('points')?.split(' ')).toHaveLength(2);
    expect(byClass(root, 'lower-bound')[0]?.attributes.get('points')?.split(' ')).toHaveLength(2);
    expect(byClass(root, 'time-y-tick-label').map(textOf).at(-1)).toMatch(/^1[2-9]s$|^20s$/);
    expect(textOf(byClass(root, 'wall-point')[0] ?? root)).toContain('(9.00–12.00s)');
  });

  it('shows the spread of a count measured more than once, and none for a single run', () => {
    const root = parseXml(scalingChartSvg(timed));
    // Speed-up of the 2-worker count, wall times of both counts.
    expect(byClass(root, 'spread')).toHaveLength(3);
    const single = parseXml(
      scalingChartSvg([
        {
          workers: 1,
          speedup: 1,
          wallSeconds: 3,
          wallMinSeconds: 3,
          wallMaxSeconds: 3,
          lowerBoundSeconds: 2,
        },
      ]),
    );
    expect(byClass(single, 'spread')).toHaveLength(0);
  });
});
