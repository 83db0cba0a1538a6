import { freemem } from 'node:os';

/** Share of the memory available at the start that parascad's parts may take together. */
const safeShare = 0.75;

/**
 * The default memory budget: three quarters of what the system reports available when the run
 * starts, leaving room for everything else so that renders never push the machine into swap or
 * the OOM killer.
 */
export function defaultMemoryBudget(available: number = freemem()): number {
  return Math.floor(available * safeShare);
}

const units: Readonly<Record<string, number>> = {
  '': 1,
  b: 1,
  k: 1024,
  kb: 1024,
  kib: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  mib: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1024 ** 3,
  gib: 1024 ** 3,
  t: 1024 ** 4,
  tb: 1024 ** 4,
  tib: 1024 ** 4,
};

/**
 * Reads a size like `8G`, `512MiB`, `1.5gb` or `1073741824` (binary units: 1G = 1024³ bytes, as
 * memory is counted). Answers undefined for anything else.
 */
export function parseByteSize(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  const unit = units[match?.[2]?.toLowerCase() ?? 'invalid'];
  if (match?.[1] === undefined || unit === undefined) return undefined;
  const bytes = Math.round(Number(match[1]) * unit);
  return bytes > 0 ? bytes : undefined;
}
