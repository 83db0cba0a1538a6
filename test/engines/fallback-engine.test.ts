import { describe, expect, it } from 'vitest';
import type { EngineId } from '../../src/engines/engine.js';
import { fallbackEngine, type FallbackFacts } from '../../src/engines/fallback-engine.js';

const facts = (changes: Partial<FallbackFacts> = {}): FallbackFacts => ({
  preference: 'auto',
  engine: 'wasm',
  failureKind: 'openscad-error',
  tried: new Set<EngineId>(['wasm']),
  canRender: () => true,
  ...changes,
});

describe('fallbackEngine', () => {
  it('renders a part again on native when wasm fails it with an OpenSCAD error or a trap', () => {
    expect(fallbackEngine(facts())).toBe('native');
    expect(fallbackEngine(facts({ failureKind: 'engine-crash' }))).toBe('native');
  });

  it('renders a failed try on native again on wasm in the same run', () => {
    expect(fallbackEngine(facts({ engine: 'native', tried: new Set(['native']) }))).toBe('wasm');
  });

  it('renders a failed hybrid try again on wasm alone, else native', () => {
    const hybrid = { engine: 'hybrid' as const, tried: new Set<EngineId>(['hybrid']) };
    expect(fallbackEngine(facts(hybrid))).toBe('wasm');
    expect(fallbackEngine(facts({ ...hybrid, canRender: (engine) => engine === 'native' }))).toBe(
      'native',
    );
  });

  it('falls back once: not when the other engine was tried already', () => {
    expect(fallbackEngine(facts({ tried: new Set(['wasm', 'native']) }))).toBeUndefined();
  });

  it('never overrides an engine the user chose', () => {
    expect(fallbackEngine(facts({ preference: 'wasm' }))).toBeUndefined();
    expect(fallbackEngine(facts({ preference: 'native', engine: 'native' }))).toBeUndefined();
  });

  it('does not fall back on timeouts, cancels or file-system errors', () => {
    for (const failureKind of ['timeout', 'cancelled', 'io-error']) {
      expect(fallbackEngine(facts({ failureKind }))).toBeUndefined();
    }
  });

  it('does not fall back when the error is about the model: 2D geometry for a 3D format, or the reverse', () => {
    for (const diagnosticCode of ['not-3d', 'not-2d']) {
      expect(fallbackEngine(facts({ diagnosticCode }))).toBeUndefined();
    }
    expect(fallbackEngine(facts({ diagnosticCode: 'empty-top-level' }))).toBe('native');
  });

  it('does not fall back to an engine that is missing or cannot export the formats', () => {
    expect(fallbackEngine(facts({ canRender: (engine) => engine === 'wasm' }))).toBeUndefined();
  });
});
