import type { GalleryPart, GalleryView } from '../../src/report/gallery/gallery-data.js';
import { element } from './element.js';
import { loadMesh } from './load-mesh.js';
import { showMesh, type MeshView } from './mesh-view.js';

/**
 * Opens the part in the page's dialog: its 3D view (or its drawing), and for a changed part whose
 * previous render was kept, the previous one beside it. Closing the dialog frees the views.
 */
export function openPartView(dialog: HTMLDialogElement, part: GalleryPart): void {
  const views: MeshView[] = [];
  const close = element('button', { type: 'button', class: 'close', 'aria-label': 'Close' }, ['×']);
  const panes = element('div', { class: 'panes' });
  const previous = part.change?.previous;
  panes.append(pane(previous === undefined ? undefined : 'now', part.view, views));
  if (previous !== undefined) panes.append(pane('before', previous, views));
  const changed = part.change?.details ?? [];
  const parts: (HTMLElement | false)[] = [
    element('header', {}, [
      element('h2', {}, [part.name]),
      element('span', {}, [part.source]),
      close,
    ]),
    panes,
    changed.length > 0 &&
      element(
        'ul',
        { class: 'change-details' },
        changed.map((line) => element('li', {}, [line])),
      ),
    element('p', { class: 'hint' }, [
      part.view.kind === 'mesh' ? 'Drag to turn, wheel to zoom, right-drag to move.' : '',
    ]),
  ];
  dialog.replaceChildren(...parts.filter((shown) => shown !== false));
  close.addEventListener('click', () => {
    dialog.close();
  });
  dialog.addEventListener(
    'close',
    () => {
      for (const view of views) view.dispose();
      dialog.replaceChildren();
    },
    { once: true },
  );
  dialog.showModal();
}

/** One labelled view; a mesh appears once its data script has loaded. */
function pane(label: string | undefined, view: GalleryView, views: MeshView[]): HTMLElement {
  const stage = element('div', { class: 'stage' });
  const shown = element('figure', { class: 'pane' }, [
    stage,
    label !== undefined && element('figcaption', {}, [label]),
  ]);
  switch (view.kind) {
    case 'mesh':
      stage.append(element('p', { class: 'loading' }, [`loading ${view.triangles} triangles…`]));
      loadMesh(view.script, view.key).then(
        (positions) => {
          stage.replaceChildren();
          try {
            views.push(showMesh(stage, positions));
          } catch (error) {
            stage.replaceChildren(message(`no 3D view: ${describe(error)}`));
          }
        },
        (error: unknown) => {
          stage.replaceChildren(message(describe(error)));
        },
      );
      break;
    case 'drawing':
      stage.append(
        element('img', {
          src: view.svg,
          alt: `drawing${label === undefined ? '' : `: ${label}`}`,
          class: 'drawing',
        }),
      );
      break;
    case 'none':
      stage.append(message(view.reason));
      break;
  }
  return shown;
}

function message(text: string): HTMLElement {
  return element('p', { class: 'no-view' }, [text]);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
