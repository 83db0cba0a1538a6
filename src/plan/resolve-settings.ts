import type { PartSettings } from '../config/project-config.js';

/**
 * Each setting from the most specific level that sets it: pass the module entry, then the file
 * entry, then the config's `defaults`. Settings are taken whole, not merged: a module's
 * `quality: {$fa: 6}` replaces a default `{$fn: 64}` rather than adding to it, since `$fn`
 * would otherwise override the `$fa` the module asked for.
 */
export function resolveSettings(...levels: readonly (PartSettings | undefined)[]): PartSettings {
  const resolved: Record<string, unknown> = {};
  for (const level of levels.toReversed()) {
    if (level === undefined) continue;
    for (const key of settingKeys) {
      if (level[key] !== undefined) resolved[key] = level[key];
    }
  }
  return resolved;
}

// A record, so that a setting added to PartSettings fails to compile until it is listed here.
const settingKeys = Object.keys({
  formats: true,
  quality: true,
  timeoutSeconds: true,
  engine: true,
  backend: true,
  stl: true,
  mode: true,
  output: true,
} satisfies Record<keyof PartSettings, true>) as (keyof PartSettings)[];
