// A real terminal for end-to-end tests: a detached tmux session we type into (send-keys) and read (capture-pane).
import { existsSync } from 'node:fs';
import { execa } from 'execa';

export const tmuxPath =
  ['/usr/bin/tmux', '/usr/local/bin/tmux', '/opt/homebrew/bin/tmux'].find((p) => existsSync(p)) ?? null;

export interface Terminal {
  // Everything printed so far, scrollback included, blank lines dropped.
  screen(): Promise<string>;
  // What the terminal shows now (no scrollback), blank lines dropped: for programs that redraw one screen.
  visible(): Promise<string>;
  keys(...keys: string[]): Promise<void>;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  // Waits until what the terminal shows now matches.
  waitForVisible(pattern: RegExp, timeoutMs?: number): Promise<string>;
  kill(): Promise<void>;
}

let counter = 0;

export async function openTerminal(command: string, env: Record<string, string>, cwd: string): Promise<Terminal> {
  if (!tmuxPath) throw new Error('tmux is not installed');
  const tmux = tmuxPath;
  const name = `asyncio-lab-test-${process.pid}-${counter++}`;
  const exports = Object.entries(env)
    .map(([k, v]) => `${k}='${v.replace(/'/g, "'\\''")}'`)
    .join(' ');
  // The session outlives the command a moment so its last words can be read, then ends by itself.
  const shell = `cd '${cwd}' && env ${exports} ${command}; echo "EXITED-$?"; sleep 120`;
  await execa(tmux, ['new-session', '-d', '-s', name, '-x', '110', '-y', '50', shell]);
  await execa(tmux, ['set-option', '-t', name, 'history-limit', '20000']);
  const capture = async (scrollback: boolean): Promise<string> => {
    const result = await execa(tmux, ['capture-pane', '-p', '-J', ...(scrollback ? ['-S', '-'] : []), '-t', name], {
      reject: false,
    });
    return String(result.stdout)
      .split('\n')
      .filter((line) => line.trim() !== '')
      .join('\n');
  };
  const waitUntil = async (read: () => Promise<string>, pattern: RegExp, timeoutMs: number): Promise<string> => {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const text = await read();
      if (pattern.test(text)) return text;
      if (Date.now() > until) throw new Error(`timed out waiting for ${pattern}; the terminal shows:\n${text}`);
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  };
  const screen = (): Promise<string> => capture(true);
  const visible = (): Promise<string> => capture(false);
  return {
    screen,
    visible,
    keys: async (...keys) => {
      await execa(tmux, ['send-keys', '-t', name, ...keys]);
    },
    waitFor: (pattern, timeoutMs = 60_000) => waitUntil(screen, pattern, timeoutMs),
    waitForVisible: (pattern, timeoutMs = 60_000) => waitUntil(visible, pattern, timeoutMs),
    kill: async () => {
      await execa(tmux, ['kill-session', '-t', name], { reject: false });
    },
  };
}

// Process ids whose command line contains `text` (pgrep -f).
export async function processesMatching(text: string): Promise<number[]> {
  const result = await execa('pgrep', ['-f', text], { reject: false });
  return String(result.stdout)
    .split('\n')
    .filter(Boolean)
    .map(Number)
    .filter((pid) => pid !== process.pid);
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
