// Draws the installed app's icons (public/pwa-*.png, public/apple-touch-icon-*.png)
// from their SVG sources in headless Chromium, with a transparent background:
//   node apps/playground/icons/render.mjs      (CHROMIUM_PATH to use another binary)
// "any" icons: public/favicon.svg. Maskable and Apple icons: icons/maskable.svg,
// the same drawing at 80% on a full-bleed background, inside the safe circle.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';

const here = dirname(fileURLToPath(import.meta.url));
const publicDir = join(here, '../public');
const jobs = [
  [join(publicDir, 'favicon.svg'), 192, 'pwa-192x192.png'],
  [join(publicDir, 'favicon.svg'), 512, 'pwa-512x512.png'],
  [join(here, 'maskable.svg'), 512, 'pwa-maskable-512x512.png'],
  [join(here, 'maskable.svg'), 180, 'apple-touch-icon-180x180.png'],
];

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  const page = await browser.newPage();
  for (const [source, size, name] of jobs) {
    await page.setViewport({ width: size, height: size });
    const svg = readFileSync(source, 'utf8').replace('<svg ', `<svg width="${size}" height="${size}" `);
    await page.setContent(`<body style="margin:0">${svg}</body>`);
    const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    writeFileSync(join(publicDir, name), png);
  }
} finally {
  await browser.close();
}
