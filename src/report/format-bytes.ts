const units = ['KiB', 'MiB', 'GiB', 'TiB'] as const;

/**
 * `512 B`, `1.5 MiB`, `2.0 GiB`, `120 GiB`: a memory size in powers of 1024, the unit memory limits
 * are set in, with two significant digits below 10 and whole numbers above.
 */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${Math.round(bytes)} B`;
  let value = bytes;
  for (const unit of units) {
    value /= 1024;
    const shown = value < 10 ? value.toFixed(1) : String(Math.round(value));
    if (Number(shown) < 1024 || unit === 'TiB') return `${shown} ${unit}`;
  }
  return `${Math.round(value)} TiB`;
}
