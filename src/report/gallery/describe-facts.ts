import { countNoun } from '../../formats/count-noun.js';
import type { DrawingMeasure, MeshMeasure } from '../../formats/output-measure.js';

/**
 * An output's measures for people, a line each: `20 × 20 × 2 mm`, `volume 628.32 mm³`,
 * `area 502.65 mm²`, `112 triangles, closed` (or what keeps it from being closed); for a drawing
 * its size, area and contours.
 */
export function describeFacts(facts: MeshMeasure | DrawingMeasure): string[] {
  const size = facts.bounds.max.map((high, axis) => round(high - (facts.bounds.min[axis] ?? 0)));
  const lines = [`${size.join(' × ')} mm`];
  if (facts.kind === '2d') {
    return [...lines, `area ${round(facts.area)} mm²`, countNoun(facts.contours, 'contour')];
  }
  return [
    ...lines,
    `volume ${round(facts.volume)} mm³`,
    `area ${round(facts.area)} mm²`,
    facts.closed
      ? `${countNoun(facts.triangles, 'triangle')}, closed`
      : `${countNoun(facts.triangles, 'triangle')}, not closed: ${countNoun(facts.openEdges, 'open edge')}, ${countNoun(facts.nonManifoldEdges, 'non-manifold edge')}`,
  ];
}

/** Two decimals at most, no trailing zeros, no `-0`. */
export function round(value: number): string {
  return String(Number(value.toFixed(2)) + 0);
}
