/**
 * Shows the cards of the chosen status (`all`, a status, or `changed`) whose name holds the
 * search text (any case), hides the others, and says how many are shown.
 */
export function filterCards(cards: readonly HTMLElement[], status: string, search: string): number {
  const wanted = search.trim().toLowerCase();
  let shown = 0;
  for (const card of cards) {
    const statusMatches =
      status === 'all' ||
      card.dataset['status'] === status ||
      (status === 'changed' && ['changed', 'new'].includes(card.dataset['change'] ?? ''));
    const visible = statusMatches && (card.dataset['name'] ?? '').toLowerCase().includes(wanted);
    card.hidden = !visible;
    if (visible) shown += 1;
  }
  return shown;
}
