/** The worker counts a `--jobs` list names, or why the list is not one. */
export type WorkerCountsParse =
  | { readonly ok: true; readonly counts: readonly number[] }
  | { readonly ok: false; readonly message: string };

/**
 * Reads a comma-separated list of worker counts (`1,2,4`) strictly: every item a whole number of
 * at least 1 written in digits, no empty item, no count twice. The counts come back in ascending
 * order, so the smallest one is measured first and the rest are compared with it.
 */
export function parseWorkerCounts(text: string): WorkerCountsParse {
  const items = text.split(',').map((item) => item.trim());
  const counts: number[] = [];
  for (const item of items) {
    if (item === '') {
      return fail(`expected worker counts separated by commas (e.g. 1,2,4), got "${text}"`);
    }
    if (!/^\d+$/.test(item) || Number(item) < 1) {
      return fail(`expected whole numbers of at least 1, got "${item}"`);
    }
    const count = Number(item);
    if (!Number.isSafeInteger(count)) return fail(`${item} workers is not a usable count`);
    if (counts.includes(count)) return fail(`${count} is listed twice`);
    counts.push(count);
  }
  return { ok: true, counts: counts.sort((a, b) => a - b) };
}

function fail(message: string): WorkerCountsParse {
  return { ok: false, message };
}
