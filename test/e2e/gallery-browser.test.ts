import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeHtmlReport } from '../../src/report/gallery/write-html-report.js';
import { output, outputsDir, part, report } from '../report/gallery/support/gallery-report.js';
import { copyFixture } from '../support/copy-fixture.js';
import { chromiumSkipReason, hasChromium, launchChromium } from '../support/launch-chromium.js';
import { runCli } from '../support/run-cli.js';

/** Pixels of a PNG screenshot that differ clearly from the 3D view's background (#f3f4f6). */
function drawnPixels(screenshot: Buffer): { drawn: number; total: number } {
  const png = PNG.sync.read(screenshot);
  let drawn = 0;
  for (let at = 0; at < png.data.length; at += 4) {
    const distance =
      Math.abs((png.data[at] ?? 0) - 0xf3) +
      Math.abs((png.data[at + 1] ?? 0) - 0xf4) +
      Math.abs((png.data[at + 2] ?? 0) - 0xf6);
    if (distance > 30) drawn += 1;
  }
  return { drawn, total: png.width * png.height };
}

describe.skipIf(!hasChromium)(`the HTML gallery in Chromium ${chromiumSkipReason}`, () => {
  let project: string;
  let browser: BrowserContext;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    project = await copyFixture('e2e-kit');
    // `broken` fails: the gallery is written all the same, and the run exits 1.
    const run = await runCli(['render', '--engine', 'wasm', '--report', 'html=gallery'], project);
    expect(run.code, run.stdout + run.stderr).toBe(1);
    browser = await launchChromium();
    page = await browser.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page: ${error.message}`));
    page.on('requestfailed', (request) => problems.push(`request: ${request.url()}`));
    await page.goto(pathToFileURL(join(project, 'gallery', 'index.html')).href);
  });

  afterAll(async () => {
    await browser.close();
    await rm(dirname(project), { recursive: true, force: true });
  });

  it('loads from file:// with no console errors and a card per part, failures first', async () => {
    await page.locator('.card').first().waitFor();
    expect(await page.locator('.card').count()).toBe(5);
    expect(await page.locator('.card h2').allTextContents()).toEqual([
      'broken',
      'disc',
      'plate',
      'block',
      'badge',
    ]);
    expect(await page.locator('header.run p').first().textContent()).toContain(
      '4 ok, 1 failed, 0 cancelled, 0 with warnings · parascad',
    );
    const broken = page.locator('.card').first();
    expect(await broken.getAttribute('data-status')).toBe('failed');
    expect(await broken.locator('.failure').textContent()).toMatch(
      /project\.scad:\d+.*broken on purpose/,
    );
    expect(problems).toEqual([]);
  });

  it("shows every rendered part's thumbnail, loaded", async () => {
    const thumbnails = page.locator('.card img');
    expect(await thumbnails.count()).toBe(4);
    for (const thumbnail of await thumbnails.all()) {
      await expect
        .poll(() => thumbnail.evaluate((image: { naturalWidth: number }) => image.naturalWidth))
        .toBe(256);
    }
    expect(problems).toEqual([]);
  });

  it('links each output relative to the gallery, to the file the run wrote', async () => {
    const hrefs = await page
      .locator('.outputs a')
      .evaluateAll((links) => links.map((link) => (link as unknown as { href: string }).href));
    expect(hrefs).toHaveLength(6);
    for (const href of hrefs) expect(existsSync(fileURLToPath(href)), href).toBe(true);
    expect(await page.locator('.outputs a').first().getAttribute('href')).toBe(
      '../outputs/disc.stl',
    );
  });

  it('filters by status and searches by name', async () => {
    await page.selectOption('#status-filter', 'failed');
    expect(await page.locator('.card:visible h2').allTextContents()).toEqual(['broken']);
    await page.selectOption('#status-filter', 'ok');
    expect(await page.locator('.card:visible h2').allTextContents()).toEqual([
      'disc',
      'plate',
      'block',
      'badge',
    ]);
    await page.fill('#search', 'BL');
    expect(await page.locator('.card:visible h2').allTextContents()).toEqual(['block']);
    await page.fill('#search', 'nothing like it');
    expect(await page.locator('.card:visible').count()).toBe(0);
    expect(await page.locator('.empty').isVisible()).toBe(true);
    await page.selectOption('#status-filter', 'all');
    await page.fill('#search', '');
    expect(await page.locator('.card:visible').count()).toBe(5);
  });

  it('opens an interactive 3D view on click that draws the part, with its dimensions', async () => {
    await page.locator('.card', { hasText: 'block' }).locator('.open').click();
    const canvas = page.locator('dialog canvas.mesh-canvas');
    await canvas.waitFor();
    const { drawn, total } = drawnPixels(await canvas.screenshot());
    expect(drawn / total).toBeGreaterThan(0.05);
    expect(await page.locator('dialog .dimension').allTextContents()).toEqual([
      'X 10 mm',
      'Y 10 mm',
      'Z 13 mm',
    ]);
    // Orbiting redraws the part from elsewhere.
    const before = await canvas.screenshot();
    const box = await canvas.boundingBox();
    if (box === null) throw new Error('the 3D view has no box');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 150, box.y + box.height / 2 + 40, { steps: 5 });
    await page.mouse.up();
    expect((await canvas.screenshot()).equals(before)).toBe(false);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('dialog canvas').count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it('shows a 2D part as its drawing', async () => {
    await page.locator('.card', { hasText: 'plate' }).locator('.open').click();
    const drawing = page.locator('dialog img.drawing');
    await drawing.waitFor();
    await expect
      .poll(() => drawing.evaluate((image: { naturalWidth: number }) => image.naturalWidth))
      .toBeGreaterThan(0);
    // Scaled to the dialog, not shown at its size in millimetres.
    const shown = await drawing.boundingBox();
    const stage = await page.locator('dialog .stage').first().boundingBox();
    expect(shown?.width ?? 0).toBeGreaterThan((stage?.width ?? 0) * 0.9);
    await page.keyboard.press('Escape');
    expect(problems).toEqual([]);
  });
});

describe.skipIf(!hasChromium)(`a changed part in the gallery ${chromiumSkipReason}`, () => {
  it('is marked, and shows its previous render beside the new one', async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 'parascad-gallery-')), 'gallery');
    await writeHtmlReport(
      report([
        part('same', { outputs: [output('mesh.off', 'off')] }),
        part('prism', {
          outputs: [output('u-prism.off', 'off')],
          changes: {
            status: 'changed',
            outputs: {
              off: {
                status: 'changed',
                previous: { digest: 'abc', bytes: 100, file: join(outputsDir, 'mesh.off') },
                volumeDelta: -250,
              },
            },
          },
        }),
      ]),
      dir,
      { cwd: dir, env: {}, warn: () => undefined },
    );
    const browser = await launchChromium();
    const problems: string[] = [];
    try {
      const page = await browser.newPage();
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console: ${message.text()}`);
      });
      page.on('pageerror', (error) => problems.push(`page: ${error.message}`));
      await page.goto(pathToFileURL(join(dir, 'index.html')).href);
      const prism = page.locator('.card[data-change="changed"]');
      expect(await prism.locator('h2').textContent()).toBe('prism');
      expect(await prism.locator('.badge.change-changed').textContent()).toBe('changed');
      await page.selectOption('#status-filter', 'changed');
      expect(await page.locator('.card:visible h2').allTextContents()).toEqual(['prism']);
      await prism.locator('.open').click();
      const canvases = page.locator('dialog canvas.mesh-canvas');
      await expect.poll(() => canvases.count()).toBe(2);
      expect(await page.locator('dialog figcaption').allTextContents()).toEqual(['now', 'before']);
      const [now, before] = await Promise.all([
        canvases.nth(0).screenshot(),
        canvases.nth(1).screenshot(),
      ]);
      expect(drawnPixels(now).drawn / drawnPixels(now).total).toBeGreaterThan(0.05);
      expect(drawnPixels(before).drawn / drawnPixels(before).total).toBeGreaterThan(0.05);
      expect(now.equals(before)).toBe(false);
      expect(await page.locator('dialog .change-details').textContent()).toMatch(/volume -250 mm³/);
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
      await rm(dirname(dir), { recursive: true, force: true });
    }
  });
});

describe.skipIf(!hasChromium)(`the gallery after a part changed ${chromiumSkipReason}`, () => {
  it('marks it and shows the render before the change, taken from the cache, beside the new one', async () => {
    const project = await copyFixture('e2e-kit');
    const first = await runCli(['render', 'block', 'disc', '--engine', 'wasm'], project);
    expect(first.code, first.stdout + first.stderr).toBe(0);
    const helpers = join(project, 'parts', 'helpers.scad');
    await writeFile(helpers, (await readFile(helpers, 'utf8')).replace('h = 3', 'h = 6'));
    const second = await runCli(
      ['render', 'block', 'disc', '--engine', 'wasm', '--report', 'html=gallery'],
      project,
    );
    expect(second.code, second.stdout + second.stderr).toBe(0);
    const browser = await launchChromium();
    const problems: string[] = [];
    try {
      const page = await browser.newPage();
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console: ${message.text()}`);
      });
      page.on('pageerror', (error) => problems.push(`page: ${error.message}`));
      await page.goto(pathToFileURL(join(project, 'gallery', 'index.html')).href);
      const block = page.locator('.card[data-change="changed"]');
      expect(await block.locator('h2').allTextContents()).toEqual(['block']);
      expect(await page.locator('.card', { hasText: 'disc' }).getAttribute('data-change')).toBe(
        'unchanged',
      );
      await block.locator('.open').click();
      const canvases = page.locator('dialog canvas.mesh-canvas');
      await expect.poll(() => canvases.count()).toBe(2);
      expect(await page.locator('dialog .dimension').allTextContents()).toEqual([
        'X 10 mm',
        'Y 10 mm',
        'Z 16 mm',
        'X 10 mm',
        'Y 10 mm',
        'Z 13 mm',
      ]);
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
      await rm(dirname(project), { recursive: true, force: true });
    }
  });
});
