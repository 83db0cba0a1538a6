import type { GalleryMessage, GalleryPart } from '../../src/report/gallery/gallery-data.js';
import { element } from './element.js';

/** A part's card: thumbnail, name, status, time, engine, facts, messages and output links. */
export function partCard(part: GalleryPart, open: () => void): HTMLElement {
  const picture = element('button', { type: 'button', class: 'open', title: `View ${part.name}` }, [
    part.thumbnail === undefined
      ? element('span', { class: 'no-thumbnail' }, [part.statusText])
      : element('img', { src: part.thumbnail, alt: `${part.name} thumbnail`, loading: 'lazy' }),
  ]);
  picture.addEventListener('click', open);
  const change = part.change;
  return element(
    'article',
    {
      class: `card status-${part.status}`,
      'data-status': part.status,
      'data-name': part.name,
      ...(change === undefined ? {} : { 'data-change': change.status }),
    },
    [
      picture,
      element('div', { class: 'body' }, [
        element('h2', {}, [part.name]),
        element('p', { class: 'source' }, [part.source]),
        element('p', { class: 'badges' }, [
          element('span', { class: `badge ${part.status}` }, [part.statusText]),
          part.cached && element('span', { class: 'badge cached' }, ['cached']),
          change !== undefined &&
            change.status !== 'unchanged' &&
            element('span', { class: `badge change-${change.status}` }, [change.status]),
          element('span', { class: 'time' }, [part.time]),
          part.engine !== '' && element('span', { class: 'engine' }, [part.engine]),
        ]),
        part.failure !== undefined && messageList('failure', [part.failure]),
        part.facts.length > 0 &&
          element(
            'ul',
            { class: 'facts' },
            part.facts.map((fact) => element('li', {}, [fact])),
          ),
        change !== undefined &&
          change.details.length > 0 &&
          element(
            'ul',
            { class: 'change' },
            change.details.map((line) => element('li', {}, [line])),
          ),
        part.diagnostics.length > 0 && messageList('diagnostics', part.diagnostics),
        part.outputs.length > 0 &&
          element(
            'ul',
            { class: 'outputs' },
            part.outputs.map((output) =>
              element('li', {}, [
                element('a', { href: output.href }, [output.name]),
                ` ${output.about}`,
              ]),
            ),
          ),
      ]),
    ],
  );
}

function messageList(kind: string, messages: readonly GalleryMessage[]): HTMLElement {
  return element(
    'ul',
    { class: kind },
    messages.map((item) =>
      element('li', { class: item.severity }, [
        item.at !== undefined && element('code', {}, [item.at]),
        item.at !== undefined && ' ',
        `${item.severity}: ${item.message}`,
      ]),
    ),
  );
}
