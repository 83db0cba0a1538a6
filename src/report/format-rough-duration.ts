/**
 * `0s`, `12s`, `2m 05s`, `1h 02m`: whole seconds, for times that are estimates or that tick by
 * (elapsed times, expected times, the ETA), where tenths would only flicker.
 */
export function formatRoughDuration(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  if (whole < 60) return `${whole}s`;
  if (whole < 3600) return `${Math.floor(whole / 60)}m ${twoDigits(whole % 60)}s`;
  return `${Math.floor(whole / 3600)}h ${twoDigits(Math.floor((whole % 3600) / 60))}m`;
}

function twoDigits(value: number): string {
  return String(value).padStart(2, '0');
}
