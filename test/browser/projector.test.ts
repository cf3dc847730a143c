import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { BrowserContext, Page } from 'playwright-core';
import { createServer } from '../../src/server/app.js';
import { tinyStore } from '../server/tiny-store.js';
import { tinyClassifier } from '../server/tiny-classifier.js';

const CHROMIUM = '/usr/bin/chromium';
const skip = existsSync(CHROMIUM) ? false : `${CHROMIUM} is missing (install Debian's chromium to run the browser tests)`;

let server: FastifyInstance;
let browser: BrowserContext;
let page: Page;
let baseUrl: string;
let profileDir: string;
let screenshotDir: string;

before(async () => {
  if (skip) return;
  const { chromium } = await import('playwright-core');
  server = await createServer({ vectors: tinyStore(), classifier: await tinyClassifier(), name: 'tiny' });
  baseUrl = await server.listen({ port: 0, host: '127.0.0.1' });
  profileDir = await mkdtemp(join(tmpdir(), 'embedkit-chromium-'));
  screenshotDir = await mkdtemp(join(tmpdir(), 'embedkit-screens-'));
  // A fresh profile each run: playwright sets --user-data-dir itself for a persistent context.
  browser = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1200, height: 800 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  page = await browser.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
  await page.goto(baseUrl + '/');
  await page.waitForSelector('body[data-ready="true"]', { timeout: 15_000 });
  assert.deepEqual(problems, [], 'the page loads without script or CSP errors');
});

after(async () => {
  if (skip) return;
  await browser?.close();
  await server?.close();
  await rm(profileDir, { recursive: true, force: true });
});

test('typing a word autocompletes, and Enter lists its neighbours with cosines', { skip }, async (t) => {
  assert.match(await page.textContent('#info') ?? '', /18 words × 8 dimensions · classifier: neg, pos/);
  assert.equal(await page.locator('#plot circle.point').count(), 18, 'the map starts with the most frequent words');
  await page.fill('#search', 'pri');
  await page.waitForSelector('#suggestions:not([hidden]) li');
  assert.deepEqual(await page.locator('#suggestions li').allTextContents(), ['prince', 'princess']);
  await page.fill('#search', 'cat');
  await page.press('#search', 'Enter');
  await page.locator('#neighbours-title', { hasText: 'cat' }).waitFor();
  const words = await page.locator('#neighbours .word').allTextContents();
  assert.equal(words.length, 10);
  assert.deepEqual(new Set(words.slice(0, 3)), new Set(['dog', '狗', '猫']));
  const similarity = Number(await page.locator('#neighbours .similarity').first().textContent());
  assert.ok(similarity > 0.9 && similarity <= 1);
  const path = join(screenshotDir, 'neighbours-cat.png');
  await page.screenshot({ path, fullPage: true });
  t.diagnostic(`screenshot: ${path}`);
});

test('clicking a point of the map shows that word\'s neighbours (a Chinese word here)', { skip }, async (t) => {
  await page.waitForSelector('#plot circle.point[data-word="猫"]');
  await page.click('#plot circle.point[data-word="猫"]');
  await page.locator('#neighbours-title', { hasText: '猫' }).waitFor();
  const words = await page.locator('#neighbours .word').allTextContents();
  assert.ok(['狗', 'cat', 'dog'].includes(words[0]), `first neighbour of 猫: ${words[0]}`);
  await page.waitForSelector('#plot circle.point.focus[data-word="猫"]');
  // 3-D view: drag rotates the cloud, so points move.
  await page.locator('#plot-caption', { hasText: 'PCA ·' }).waitFor();
  await page.selectOption('#dims', '3');
  await page.waitForSelector('#plot[data-dims="3"] circle.point[data-word="猫"]');
  const before = await page.getAttribute('#plot circle.point[data-word="猫"]', 'cx');
  const box = (await page.locator('#plot').boundingBox())!;
  await page.mouse.move(box.x + 20, box.y + 20);
  await page.mouse.down();
  await page.mouse.move(box.x + 120, box.y + 60, { steps: 5 });
  await page.mouse.up();
  assert.notEqual(await page.getAttribute('#plot circle.point[data-word="猫"]', 'cx'), before, 'dragging rotates the 3-D view');
  const path = join(screenshotDir, 'map-3d.png');
  await page.screenshot({ path, fullPage: true });
  t.diagnostic(`screenshot: ${path}`);
});

test('the analogy form solves king − man + woman', { skip }, async () => {
  await page.fill('#analogy-a', 'man');
  await page.fill('#analogy-b', 'king');
  await page.fill('#analogy-c', 'woman');
  await page.click('#analogy-form button');
  await page.waitForSelector('#analogy-results li');
  const words = await page.locator('#analogy-results .word').allTextContents();
  assert.ok(words.slice(0, 2).includes('queen'), words.join(', '));
  await page.fill('#analogy-c', 'nope');
  await page.click('#analogy-form button');
  await page.waitForSelector('#analogy-error:not([hidden])');
  assert.match(await page.textContent('#analogy-error') ?? '', /"nope" is not in the vocabulary/);
});

test('the classifier box shows the prediction and highlights the words that pushed it', { skip }, async (t) => {
  assert.equal(await page.isVisible('#predict-panel'), true);
  await page.fill('#predict-text', 'a great fun film');
  await page.click('#predict-form button');
  await page.waitForSelector('#prediction:not([hidden]) .token');
  assert.equal(await page.textContent('#prediction .label'), 'pos');
  assert.deepEqual(await page.locator('#prediction .token').allTextContents(), ['a', 'great', 'fun', 'film']);
  const great = page.locator('#prediction .token', { hasText: 'great' });
  assert.match((await great.getAttribute('class')) ?? '', /\bpos\b/);
  assert.match(String(await page.evaluate(`getComputedStyle([...document.querySelectorAll('#prediction .token')].find((e) => e.textContent === 'great')).backgroundColor`)), /rgba\(46, 160, 67/);
  const path = join(screenshotDir, 'prediction.png');
  await page.screenshot({ path, fullPage: true });
  t.diagnostic(`screenshot: ${path}`);
});
