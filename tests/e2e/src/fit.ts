/**
 * Helpers for fit.test.ts: where the network diagram's nodes are on screen,
 * whether each one still takes the pointer, and a page of another origin
 * that embeds the playground in a frame (a slide, a learning-management
 * page).
 */
import { createServer, type Server } from 'node:http';
import type * as Puppeteer from 'puppeteer-core';
import { expect } from 'vitest';
import type { Page } from './driver/index.js';

/** A node of the diagram (feature, hidden neuron, output) or the decision map, and its box on screen. */
export interface PlacedNode {
  name: string;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** Every node square of the diagram and the big output map, with their boxes in viewport pixels. */
export async function placedNodes(target: Puppeteer.Frame): Promise<PlacedNode[]> {
  return target.evaluate(() => {
    const selector = '[data-testid^="feature-"], [data-testid^="node-"], [data-testid="decision-map"]';
    return [...document.querySelectorAll(selector)].map((element) => {
      const box = element.getBoundingClientRect();
      return { name: element.getAttribute('data-testid')!, left: box.left, right: box.right, top: box.top, bottom: box.bottom };
    });
  });
}

/** The nodes (and map) whose box is not wholly inside the viewport's width. */
export async function nodesOutsideWidth(page: Page): Promise<string[]> {
  const width = await page.evaluate(() => document.documentElement.clientWidth);
  return (await placedNodes(page.raw.mainFrame())).filter((n) => n.left < -0.5 || n.right > width + 0.5).map((n) => `${n.name} [${Math.round(n.left)}, ${Math.round(n.right)}] of ${width}`);
}

/** The network column's scrolling width against its visible width. */
export function networkColumnWidths(page: Page): Promise<{ scroll: number; client: number }> {
  return page.locator('.network-column').evaluate((column) => ({ scroll: column.scrollWidth, client: column.clientWidth }));
}

/**
 * The nodes that do not take the pointer at their centre (something else
 * lies on top, or they are off screen once scrolled to): each is scrolled to
 * the middle of the viewport first, as a person would.
 */
export async function nodesNotUnderPointer(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const missed: string[] = [];
    for (const element of document.querySelectorAll('[data-testid^="feature-"], [data-testid^="node-"]')) {
      element.scrollIntoView({ block: 'center', inline: 'nearest' });
      const box = element.getBoundingClientRect();
      const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
      if (!hit || !(hit === element || element.contains(hit))) {
        missed.push(`${element.getAttribute('data-testid')} under ${hit ? `${hit.tagName.toLowerCase()}.${[...hit.classList].join('.')}` : 'nothing'}`);
      }
    }
    window.scrollTo(0, 0);
    return missed;
  });
}

/** The document's scrolling size against its viewport (both directions). */
export interface Scrolling {
  scrollWidth: number;
  clientWidth: number;
  scrollHeight: number;
  clientHeight: number;
}

export function documentScrolling(target: Puppeteer.Frame): Promise<Scrolling> {
  return target.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
    scrollHeight: document.documentElement.scrollHeight,
    clientHeight: document.documentElement.clientHeight,
  }));
}

/**
 * A web page on an origin of its own (another port) whose only content is
 * an iframe of `width` x `height` CSS px showing the address in its `src`
 * query parameter: `${url}?src=...`.
 */
export async function serveFramingPage(width: number, height: number): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const src = new URL(request.url ?? '/', 'http://localhost').searchParams.get('src');
    if (!src || !/^http:\/\/127\.0\.0\.1:\d+\//.test(src)) {
      response.statusCode = 404;
      response.end();
      return;
    }
    response.setHeader('content-type', 'text/html; charset=utf-8');
    const attribute = src.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
    response.end(
      `<!doctype html><html lang="en"><head><title>A slide</title><link rel="icon" href="data:,"></head>` +
        `<body style="margin: 16px"><iframe title="Neural network playground" src="${attribute}" width="${width}" height="${height}" style="border: 1px solid #888"></iframe></body></html>`,
    );
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the framing page has no port');
  return {
    url: `http://127.0.0.1:${address.port}/`,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

/** The playground's frame inside `page`, once its first snapshot is on screen. */
export async function playgroundFrame(page: Page, appUrl: string): Promise<Puppeteer.Frame> {
  let frame: Puppeteer.Frame | undefined;
  await expect
    .poll(() => (frame = page.raw.frames().find((f) => f.url().startsWith(appUrl))), { message: 'the playground frame never loaded' })
    .toBeDefined();
  await expect
    .poll(() => frame!.evaluate(() => Number(document.querySelector('[data-testid="train-loss"]')?.textContent ?? 'NaN')), {
      timeout: 20_000,
      message: 'the framed playground never showed a snapshot',
    })
    .not.toBeNaN();
  return frame!;
}
