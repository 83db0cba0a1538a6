import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's Chromium, which `.ci/run` installs; `CHROMIUM` names another. */
export const chromiumPath = process.env['CHROMIUM'] ?? '/usr/bin/chromium';

const required = process.env['CI'] === 'true';

if (!existsSync(chromiumPath) && required) {
  // Loading this module fails every browser test under CI, instead of skipping it.
  throw new Error(
    `CI=true, but there is no Chromium at ${chromiumPath} (apt-get install chromium)`,
  );
}

/** Whether browser tests can run. */
export const hasChromium: boolean = existsSync(chromiumPath);

/** Why browser tests are skipped, for their names; empty when Chromium is there. */
export const chromiumSkipReason: string = hasChromium
  ? ''
  : `(skipped: no Chromium at ${chromiumPath})`;

/**
 * Starts a headless Chromium with a fresh profile, as a user's browser would open a page: no
 * `--allow-file-access-from-files`, so a page that only works with it fails here too. WebGL runs
 * on SwiftShader, Chromium's software renderer, as there is no GPU.
 */
export async function launchChromium(): Promise<BrowserContext> {
  const profile = await mkdtemp(join(tmpdir(), 'parascad-chromium-'));
  return chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    viewport: { width: 1200, height: 900 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
    ],
  });
}
