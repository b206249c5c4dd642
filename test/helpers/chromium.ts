// Headless Chromium from the system (Debian's `chromium`), for tests that open a page the way a person would.
// Each call gets a fresh profile folder and is stopped (with its whole process group) when it ends or times out.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

// The browser to use, or null when there is none (tests then skip, and say so).
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const chosen = env.CHROMIUM;
  if (chosen && existsSync(chosen)) return chosen;
  return CANDIDATES.find((candidate) => existsSync(candidate)) ?? null;
}

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--hide-scrollbars',
  '--force-device-scale-factor=1',
];

async function runChromium(browser: string, args: string[]): Promise<string> {
  const profile = mkdtempSync(path.join(tmpdir(), 'asyncio-lab-chromium-'));
  try {
    const child = execa(browser, [...FLAGS, `--user-data-dir=${profile}`, ...args], {
      reject: false,
      stdin: 'ignore',
      timeout: 60_000,
      detached: true,
      env: { HOME: profile, ...process.env },
    });
    const pid = child.pid;
    const result = await child;
    // Chromium's helpers share its process group; stop any that outlive the browser.
    if (pid !== undefined) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    if (result.timedOut) throw new Error(`chromium timed out: ${String(result.stderr).slice(-500)}`);
    return String(result.stdout);
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

// The DOM after the page has loaded, as Chromium serialises it.
export function dumpDom(browser: string, file: string): Promise<string> {
  return runChromium(browser, ['--dump-dom', `file://${file}`]);
}

// A PNG of the page at the given window size.
export async function screenshot(browser: string, file: string, png: string, size = '1200,1600'): Promise<void> {
  await runChromium(browser, [`--screenshot=${png}`, `--window-size=${size}`, `file://${file}`]);
  if (!existsSync(png)) throw new Error(`chromium wrote no screenshot to ${png}`);
}
