import { escapeXml } from '../../bench/escape-xml.js';

/**
 * The gallery's `index.html`: its data and its one bundled script as classic scripts, which a
 * browser runs from `file://` (it refuses module scripts and `fetch` there), and its style sheet.
 */
export function galleryIndexHtml(title: string): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${escapeXml(title)}</title>
    <link rel="stylesheet" href="gallery.css" />
  </head>
  <body>
    <div id="gallery"><p>The gallery is drawn by JavaScript: allow it for this page.</p></div>
    <script src="data/gallery.js"></script>
    <script src="gallery.js"></script>
  </body>
</html>
`;
}
