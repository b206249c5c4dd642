// The HTML report: one self-contained page of the run, learner text escaped, a timeline per concurrency verdict;
// then the page opened in headless Chromium, its DOM and a screenshot checked for what a person must see.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderHtmlReport, writeHtmlReport } from '../../grader/reporters/html.js';
import { LOOP_COLOUR } from '../../grader/reporters/timeline.js';
import { dumpDom, findChromium, screenshot } from '../helpers/chromium.js';
import { countColour, decodePng, rowsWithColour, type Image } from '../helpers/png.js';
import { resultsWithTimelines } from './timeline-fixtures.js';

const dir = mkdtempSync(path.join(tmpdir(), 'asyncio-lab-html-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('HTML report', () => {
  const html = renderHtmlReport(resultsWithTimelines());

  it('is one self-contained page: no scripts, no outside files', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<script|<link|src=|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
  });

  it('escapes every piece of learner-controlled text', () => {
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('Gather &lt;many&gt; &amp; more');
    expect(html).toContain('main | awaits');
  });

  it('shows every exercise and check with its mark and points, and a timeline under each concurrency verdict', () => {
    expect(html.match(/<section class="exercise /g)).toHaveLength(3);
    expect(html).toMatch(/<section class="exercise not-started" data-exercise="02-coroutines"/);
    expect(html.match(/<li class="check /g)).toHaveLength(7);
    expect(html.match(/<svg /g)).toHaveLength(3);
    expect(html.match(/<rect class="bar"/g)).toHaveLength(13);
    expect(html).toContain('Score 6/17');
    expect(html).toContain('exercises/01-runners/runners.py:8');
  });

  it('is written whole, creating the folder, leaving no temporary file', () => {
    const file = path.join(dir, 'nested', 'report.html');
    writeHtmlReport(file, resultsWithTimelines());
    expect(readFileSync(file, 'utf8')).toBe(html);
    expect(readdirSync(path.dirname(file))).toEqual(['report.html']);
  });

  it('matches the snapshot', () => {
    expect(html).toMatchSnapshot();
  });
});

const browser = findChromium();

// Horizontal bands of rows holding a colour (one band per bar), each with its leftmost pixel.
function bands(image: Image, hex: string): { top: number; bottom: number; left: number }[] {
  const found: { top: number; bottom: number; left: number }[] = [];
  for (const y of rowsWithColour(image, hex, 6)) {
    const last = found.at(-1);
    if (last && y === last.bottom + 1) last.bottom = y;
    else found.push({ top: y, bottom: y, left: 0 });
  }
  for (const band of found) {
    const y = Math.round((band.top + band.bottom) / 2);
    let x = 0;
    while (x < image.width && countColour(image, hex, 12, { x0: x, y0: y, x1: x + 1, y1: y + 1 }) === 0) x++;
    band.left = x;
  }
  return found;
}

describe.runIf(browser)('HTML report in headless Chromium', () => {
  const file = path.join(dir, 'report.html');
  writeHtmlReport(file, resultsWithTimelines());

  it('renders the content a learner must see (the DOM after loading)', async () => {
    const dom = await dumpDom(browser!, file);
    expect(dom).toContain('Score 6/17');
    expect(dom.match(/<section class="exercise /g)).toHaveLength(3);
    expect(dom.match(/<rect class="bar"/g)).toHaveLength(13);
    expect(dom).toContain('Timeline: 5 calls of fetch_item, one at a time');
    expect(dom).toContain('Timeline: 5 calls of fetch_item, all 5 at the same time');
    // The learner's "<script>" is text on the page, never an element.
    expect(dom).not.toMatch(/<script/);
    expect(dom).toContain('&lt;script&gt;alert("x")&lt;/script&gt;');
  });

  it('draws the staircase and the stacked bars on screen, in the loop thread colour, with worker threads apart', async () => {
    const png = path.join(dir, 'report.png');
    await screenshot(browser!, file, png);
    const image = decodePng(readFileSync(png));
    expect([image.width, image.height]).toEqual([1200, 1600]);
    const loopBars = bands(image, LOOP_COLOUR);
    expect(loopBars).toHaveLength(10);
    for (const bar of loopBars) expect(bar.bottom - bar.top).toBeGreaterThanOrEqual(10);
    const [staircase, stacked] = [loopBars.slice(0, 5), loopBars.slice(5)];
    for (let i = 1; i < 5; i++) expect(staircase[i]!.left).toBeGreaterThan(staircase[i - 1]!.left + 20);
    expect(Math.max(...stacked.map((b) => b.left)) - Math.min(...stacked.map((b) => b.left))).toBeLessThanOrEqual(2);
    // Three worker threads, three other colours; the page's pass green and fail red are there too.
    for (const colour of ['#059669', '#d97706', '#7c3aed', '#16a34a', '#dc2626'])
      expect(countColour(image, colour), colour).toBeGreaterThan(100);
  });
});

// Only when the tool is missing: a visible skip in the report, rather than a silent pass.
if (!browser)
  describe('HTML report in headless Chromium', () => {
    it.skip('SKIPPED: no Chromium found (apt-get install -y chromium, or set CHROMIUM=/path/to/chrome)', () => {});
  });
