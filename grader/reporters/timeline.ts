// A picture of concurrency: the recorded calls behind a verdict drawn on one time axis, so that awaiting one
// call after another shows as a staircase and running them together shows as stacked bars.
// Pure functions from TimelineRow[] to text (terminal), SVG (HTML report) and a Mermaid gantt (GitHub job summary).
import { inert } from '../text/inert.js';
import type { TimelineRow } from '../engine/types.js';
import { peakConcurrency } from '../evidence/intervals.js';

// One call placed on the axis: columns (text) or fractions of the axis (SVG), in start order.
export interface PlacedBar {
  helper: string;
  label: string;
  thread: string;
  mainThread: boolean;
  start: number;
  // The end as recorded, or the end of the axis for a call that never ended.
  end: number;
  // The call never ended (the run was stopped while it ran).
  open: boolean;
}

// Everything the three pictures share: the bars in start order, the axis and its ticks, whether threads are named.
export interface TimelineLayout {
  bars: PlacedBar[];
  // Calls left out to keep the picture short.
  hidden: number;
  axisEnd: number;
  ticks: number[];
  // Thread names are shown when calls ran on more than one thread, or off the event loop's thread.
  showThreads: boolean;
  peak: number;
  caption: string;
}

// How big the text picture may be: the reporter decides the width, long runs are cut to maxRows calls.
export interface TimelineOptions {
  // Columns for the whole picture (text) including labels; the terminal reporter indents it by 6 in 80 columns.
  width?: number;
  maxRows?: number;
  // Colour for the background dots and the axis (the terminal's dim); plain text without it.
  dim?: (text: string) => string;
}

const BAR = '█';
const EMPTY = '·';
const OPEN = '▸';

// Lays the calls out once, for every form of the picture.
export function layoutTimeline(rows: TimelineRow[], maxRows = 12): TimelineLayout {
  const ends = rows.map((r) => r.end ?? r.start);
  // A call that never ended is drawn past the last recorded moment, so its open end shows.
  const last = Math.max(0, ...ends) * (rows.some((r) => r.end === null) ? 1.2 : 1);
  const step = niceStep(last);
  const axisEnd = Math.max(step, Math.ceil(last / step - 1e-9) * step);
  const sorted = [...rows].sort(
    (a, b) => a.start - b.start || (a.end ?? axisEnd) - (b.end ?? axisEnd) || a.label.localeCompare(b.label),
  );
  const bars = sorted.map((r) => ({
    helper: r.helper,
    label: r.label,
    thread: r.thread,
    mainThread: r.mainThread,
    start: r.start,
    end: r.end ?? axisEnd,
    open: r.end === null,
  }));
  const ticks: number[] = [];
  for (let i = 0; i * step <= axisEnd + 1e-9; i++) ticks.push(round(i * step));
  const threads = new Set(rows.map((r) => r.thread));
  const showThreads = threads.size > 1 || rows.some((r) => !r.mainThread);
  const peak = peakConcurrency(bars);
  return {
    bars: bars.slice(0, maxRows),
    hidden: Math.max(0, bars.length - maxRows),
    axisEnd,
    ticks,
    showThreads,
    peak,
    caption: caption(rows, peak),
  };
}

function caption(rows: TimelineRow[], peak: number): string {
  const helpers = [...new Set(rows.map((r) => r.helper))];
  const calls = `${rows.length} ${rows.length === 1 ? 'call' : 'calls'}`;
  const what = helpers.length === 1 ? `${calls} of ${helpers[0]}` : calls;
  if (rows.length <= 1) return `Timeline: ${what}`;
  const all = rows.length === 2 ? 'both' : `all ${peak}`;
  const together =
    peak <= 1 ? 'one at a time' : peak === rows.length ? `${all} at the same time` : `at most ${peak} at the same time`;
  return `Timeline: ${what}, ${together}`;
}

// 0.1, 0.2, 0.5, 1, 2, 5 ... : about five ticks over the recorded time.
function niceStep(span: number): number {
  if (!(span > 0)) return 0.1;
  const raw = span / 5;
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 2.5, 5, 10]) if (raw <= m * power + 1e-12) return round(m * power);
  return round(10 * power);
}

function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

// The name a learner reads for a thread: the pool's own names are long, so "ThreadPoolExecutor-0_3" reads "worker 0_3".
export function threadName(row: { thread: string; mainThread: boolean }): string {
  const pool = /^ThreadPoolExecutor-(\d+_\d+)$/.exec(row.thread) ?? /^asyncio_(\d+)$/.exec(row.thread);
  if (pool) return `worker ${pool[1]}`;
  return row.thread;
}

function clip(text: string, width: number): string {
  // eslint-disable-next-line no-control-regex -- control characters in a label would break the row's layout
  const flat = text.replace(/[\u0000-\u001f\u007f]/g, ' ');
  return flat.length <= width ? flat : `${flat.slice(0, Math.max(1, width - 1))}…`;
}

function times(bar: PlacedBar): string {
  return `${bar.start.toFixed(2)}-${bar.open ? '?' : bar.end.toFixed(2)}`;
}

// Where a bar sits in a text row of `cells` columns: [from, to), at least one column wide.
export function barColumns(
  bar: { start: number; end: number },
  axisEnd: number,
  cells: number,
): { from: number; to: number } {
  const col = (t: number): number => Math.min(cells, Math.max(0, Math.round((t / axisEnd) * cells)));
  const from = Math.min(cells - 1, col(bar.start));
  return { from, to: Math.max(from + 1, col(bar.end)) };
}

// The picture for a terminal: one row per call, readable without colour, never wider than `width`.
export function renderTimelineText(rows: TimelineRow[], options: TimelineOptions = {}): string {
  if (rows.length === 0) return '';
  const width = Math.max(40, options.width ?? 74);
  const layout = layoutTimeline(rows, options.maxRows ?? 12);
  const labelWidth = Math.min(16, Math.max(4, ...layout.bars.map((b) => b.label.length)));
  const threadWidth = layout.showThreads
    ? Math.min(14, Math.max(6, ...layout.bars.map((b) => threadName(b).length)))
    : 0;
  const timesWidth = Math.max(...layout.bars.map((b) => times(b).length));
  const lead = labelWidth + 1 + (threadWidth ? threadWidth + 1 : 0);
  const cells = width - lead - 2 - timesWidth;
  const dim = options.dim ?? ((text: string) => text);
  const lines = [clip(layout.caption, width)];
  lines.push(' '.repeat(lead) + dim(axisLabels(layout, cells).trimEnd()));
  for (const bar of layout.bars) {
    const { from, to } = barColumns(bar, layout.axisEnd, cells);
    const before = from > 0 ? dim(EMPTY.repeat(from)) : '';
    const after = cells > to ? dim(EMPTY.repeat(cells - to)) : '';
    const track = before + BAR.repeat(to - from - (bar.open ? 1 : 0)) + (bar.open ? OPEN : '') + after;
    const thread = threadWidth ? `${clip(threadName(bar), threadWidth).padEnd(threadWidth)} ` : '';
    lines.push(`${clip(bar.label, labelWidth).padEnd(labelWidth)} ${thread}${track}  ${dim(times(bar))}`);
  }
  if (layout.hidden > 0)
    lines.push(`${' '.repeat(lead)}… and ${layout.hidden} more ${layout.hidden === 1 ? 'call' : 'calls'}`);
  return lines.join('\n');
}

// "0         0.1       0.2 s": tick values placed over their columns, the unit after the last.
function axisLabels(layout: TimelineLayout, cells: number): string {
  const line = Array.from({ length: cells + 4 }, () => ' ');
  let free = 0;
  layout.ticks.forEach((tick, index) => {
    const text = `${formatTick(tick)}${index === layout.ticks.length - 1 ? ' s' : ''}`;
    let at = Math.round((tick / layout.axisEnd) * cells);
    if (at + text.length > line.length) at = line.length - text.length;
    if (at < free) return;
    for (let i = 0; i < text.length; i++) line[at + i] = text[i] as string;
    free = at + text.length + 1;
  });
  return line.join('');
}

function formatTick(tick: number): string {
  if (tick === 0) return '0';
  return String(Number(tick.toFixed(3)));
}

// ---- SVG ----------------------------------------------------------------------

const PALETTE = ['#2563eb', '#059669', '#d97706', '#7c3aed', '#db2777', '#0891b2', '#65a30d', '#dc2626'];
// The event loop's own thread is always the same blue, so a bar off it reads as a different colour.
export const LOOP_COLOUR = PALETTE[0] as string;

// Text for XML and HTML: every character that could start markup or end an attribute is escaped.
export function escapeXml(text: string): string {
  return inert(text).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}

// The picture as a self-contained SVG: bars coloured by thread, a tooltip per call, a labelled axis.
export function renderTimelineSvg(rows: TimelineRow[], options: { width?: number; maxRows?: number } = {}): string {
  if (rows.length === 0) return '';
  const layout = layoutTimeline(rows, options.maxRows ?? 20);
  const width = options.width ?? 720;
  const rowHeight = 22;
  const labelWidth = 130;
  const threadWidth = layout.showThreads ? 100 : 0;
  const x0 = labelWidth + threadWidth + 10;
  const plot = width - x0 - 60;
  const top = 34;
  const height = top + layout.bars.length * rowHeight + 28 + (layout.hidden > 0 ? 16 : 0);
  const x = (t: number): number => x0 + (t / layout.axisEnd) * plot;
  const colours = new Map<string, string>();
  const colourOf = (bar: PlacedBar): string => {
    if (bar.mainThread) return LOOP_COLOUR;
    if (!colours.has(bar.thread)) colours.set(bar.thread, PALETTE[1 + (colours.size % (PALETTE.length - 1))] as string);
    return colours.get(bar.thread) as string;
  };
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="timeline" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(layout.caption)}" font-family="system-ui, sans-serif" font-size="12">`,
  );
  parts.push(`<text x="4" y="16" font-weight="bold">${escapeXml(layout.caption)}</text>`);
  const bottom = top + layout.bars.length * rowHeight;
  for (const tick of layout.ticks) {
    const tx = x(tick).toFixed(1);
    parts.push(`<line x1="${tx}" y1="${top - 4}" x2="${tx}" y2="${bottom}" stroke="#d1d5db" stroke-width="1"/>`);
    parts.push(`<text x="${tx}" y="${bottom + 16}" text-anchor="middle" fill="#4b5563">${formatTick(tick)} s</text>`);
  }
  layout.bars.forEach((bar, index) => {
    const y = top + index * rowHeight;
    const bx = x(bar.start);
    const bw = Math.max(2, x(bar.end) - bx);
    const tip = `${bar.helper} ${bar.label}: ${times(bar)} s on ${bar.thread}${bar.mainThread ? " (the event loop's thread)" : ''}${bar.open ? ', never ended' : ''}`;
    parts.push(
      `<g class="call" data-start="${bar.start.toFixed(4)}" data-end="${bar.end.toFixed(4)}" data-thread="${escapeXml(bar.thread)}">`,
    );
    parts.push(`<title>${escapeXml(tip)}</title>`);
    parts.push(`<text x="4" y="${y + 15}">${escapeXml(clip(bar.label, 20))}</text>`);
    if (threadWidth)
      parts.push(
        `<text x="${labelWidth + 4}" y="${y + 15}" fill="#4b5563">${escapeXml(clip(threadName(bar), 16))}</text>`,
      );
    const dash = bar.open ? ' stroke="#111827" stroke-dasharray="3 2"' : '';
    parts.push(
      `<rect class="bar" x="${bx.toFixed(1)}" y="${y + 4}" width="${bw.toFixed(1)}" height="${rowHeight - 8}" rx="3" fill="${colourOf(bar)}"${dash}/>`,
    );
    parts.push(
      `<text x="${(bx + bw + 4).toFixed(1)}" y="${y + 15}" fill="#4b5563" font-size="10">${times(bar)}</text>`,
    );
    parts.push('</g>');
  });
  if (layout.hidden > 0)
    parts.push(`<text x="${x0}" y="${bottom + 32}" fill="#4b5563">… and ${layout.hidden} more</text>`);
  parts.push('</svg>');
  return parts.join('');
}

// ---- Mermaid --------------------------------------------------------------------

// The picture as a Mermaid gantt, which GitHub draws in Markdown (the job summary); times in milliseconds.
export function renderTimelineMermaid(rows: TimelineRow[], options: { maxRows?: number } = {}): string {
  if (rows.length === 0) return '';
  const layout = layoutTimeline(rows, options.maxRows ?? 20);
  const safe = (text: string): string => text.replace(/[^\w .,()\-+=/]/g, '_').slice(0, 40) || '_';
  const lines = [
    '```mermaid',
    'gantt',
    `  title ${safe(layout.caption.replace(/^Timeline: /, ''))}`,
    '  dateFormat x',
    '  axisFormat %S.%L s',
  ];
  const groups = new Map<string, PlacedBar[]>();
  for (const bar of layout.bars) {
    const key = layout.showThreads ? threadName(bar) : bar.helper;
    groups.set(key, [...(groups.get(key) ?? []), bar]);
  }
  for (const [name, bars] of groups) {
    lines.push(`  section ${safe(name)}`);
    for (const bar of bars) {
      const start = Math.round(bar.start * 1000);
      const end = Math.max(start + 1, Math.round(bar.end * 1000));
      lines.push(`  ${safe(bar.label)} :${bar.open ? 'crit, ' : ''}${start}, ${end}`);
    }
  }
  lines.push('```');
  return lines.join('\n');
}
