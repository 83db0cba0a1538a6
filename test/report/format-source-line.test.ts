import { describe, expect, it } from 'vitest';
import { formatSourceLine } from '../../src/report/format-source-line.js';
import { job, scadFile } from './support/run-fixture.js';

const commented = (name: string, $fn: number) => ({
  ...job(name),
  quality: { $fn },
  qualityFrom: { kind: 'comment' as const, file: scadFile },
});

describe('formatSourceLine', () => {
  it('states the quality once when every part shares it, however many parts there are', () => {
    const jobs = Array.from({ length: 20_000 }, (_, index) => commented(`p${index}`, 48));
    expect(formatSourceLine('the markers', jobs)).toBe(
      'parts from the markers · $fn = 48 (//render.quality in project.scad)',
    );
  });

  it('names up to two parts of a quality and counts more, in the order they first appear', () => {
    const jobs = [
      commented('lid', 48),
      commented('gear', 95),
      commented('base', 48),
      commented('hinge', 48),
      commented('clip', 95),
    ];
    expect(formatSourceLine('the markers', jobs)).toBe(
      'parts from the markers · $fn = 48 (//render.quality in project.scad) for 3 parts; $fn = 95 (//render.quality in project.scad) for gear, clip',
    );
  });

  it('says only where the parts come from when there are none', () => {
    expect(formatSourceLine('render_config.yml', [])).toBe('parts from render_config.yml');
  });
});
