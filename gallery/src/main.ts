import { element } from './element.js';
import { filterCards } from './filter-cards.js';
import { openPartView } from './open-part-view.js';
import { partCard } from './part-card.js';

/** Builds the page from `window.PARASCAD_GALLERY`, which `data/gallery.js` set. */
function main(): void {
  const data = window.PARASCAD_GALLERY;
  const root = document.getElementById('gallery');
  if (root === null) return;
  if (data === undefined) {
    root.replaceChildren(
      element('p', { class: 'no-view' }, [
        'data/gallery.js is missing: the gallery folder is incomplete.',
      ]),
    );
    return;
  }
  document.title = data.title;
  const dialog = element('dialog', { id: 'part-view' });
  const cards = data.parts.map((part) =>
    partCard(part, () => {
      openPartView(dialog, part);
    }),
  );
  const statuses: [string, string][] = [
    ['all', `all (${data.parts.length})`],
    ...(['failed', 'cancelled', 'warnings', 'ok'] as const)
      .map((status): [string, number] => [
        status,
        data.parts.filter((part) => part.status === status).length,
      ])
      .filter(([, count]) => count > 0)
      .map(([status, count]): [string, string] => [status, `${status} (${count})`]),
  ];
  const changedCount = data.parts.filter(
    (part) => part.change?.status === 'changed' || part.change?.status === 'new',
  ).length;
  if (changedCount > 0) statuses.push(['changed', `changed or new (${changedCount})`]);
  const select = element(
    'select',
    { id: 'status-filter', 'aria-label': 'Show parts' },
    statuses.map(([value, label]) => element('option', { value }, [label])),
  );
  const search = element('input', {
    id: 'search',
    type: 'search',
    placeholder: 'Search parts by name',
    'aria-label': 'Search parts by name',
  });
  const count = element('span', { id: 'shown', 'aria-live': 'polite' });
  const empty = element('p', { class: 'empty', hidden: '' }, ['No part matches.']);
  const update = (): void => {
    const shown = filterCards(cards, select.value, search.value);
    count.textContent = `${shown} of ${cards.length} shown`;
    empty.hidden = shown > 0;
  };
  select.addEventListener('change', update);
  search.addEventListener('input', update);

  root.replaceChildren(
    element('header', { class: `run outcome-${data.outcome}` }, [
      element('h1', {}, [data.title]),
      element('p', {}, [
        `${data.outcome} · ${data.when} · ${data.counts} · parascad ${data.parascadVersion}`,
      ]),
      data.changes !== undefined && element('p', { class: 'changes' }, [data.changes]),
      data.error !== undefined && element('p', { class: 'failure' }, [data.error]),
      data.warnings.length > 0 &&
        element(
          'ul',
          { class: 'diagnostics' },
          data.warnings.map((warning) =>
            element('li', { class: warning.severity }, [
              warning.at !== undefined && element('code', {}, [warning.at]),
              warning.at !== undefined && ' ',
              warning.message,
            ]),
          ),
        ),
    ]),
    element('nav', { class: 'toolbar' }, [select, search, count]),
    element('main', { class: 'cards' }, cards),
    empty,
    dialog,
  );
  update();
}

main();
