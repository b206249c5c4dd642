// `npm run api` tried as a learner would: start it, read the address it prints, and talk to it with curl.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kitRoot } from '../../grader/paths.js';

const curlPath = ['/usr/bin/curl', '/usr/local/bin/curl', '/opt/homebrew/bin/curl'].find((p) => existsSync(p)) ?? null;
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const BODY = '{"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "What rhymes with kale?"}]}';

describe.runIf(curlPath)(
  curlPath ? 'npm run api, used with curl' : 'npm run api, used with curl (skipped: curl is not installed)',
  () => {
    let server: ChildProcess;
    let printed = '';
    let baseUrl = '';
    let key = '';

    beforeAll(async () => {
      // Port 0: any free port, so the test never collides with a playground a developer left running.
      server = spawn(npm, ['run', 'api', '--', '--port', '0'], {
        cwd: kitRoot,
        detached: process.platform !== 'win32',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      server.stdout?.on('data', (chunk: Buffer) => (printed += chunk.toString()));
      server.stderr?.on('data', (chunk: Buffer) => (printed += chunk.toString()));
      const until = Date.now() + 30_000;
      while (!/Stop with Ctrl-C/.test(printed) && Date.now() < until && server.exitCode === null)
        await new Promise((r) => setTimeout(r, 50));
      baseUrl = /listening on (http:\/\/127\.0\.0\.1:\d+\/v1)/.exec(printed)?.[1] ?? '';
      key = /key:\s+(\S+)/.exec(printed)?.[1] ?? '';
    });

    afterAll(async () => {
      if (server?.pid !== undefined && server.exitCode === null) {
        const exited = new Promise((resolve) => server.once('exit', resolve));
        if (process.platform === 'win32') server.kill();
        else process.kill(-server.pid, 'SIGTERM');
        await exited;
      }
    });

    const curl = (...args: string[]) =>
      execa(curlPath as string, ['-s', '--max-time', '10', ...args], { reject: false });
    // The log line of a request comes a moment after its answer.
    const logged = async (pattern: RegExp): Promise<string> => {
      const until = Date.now() + 5000;
      while (!pattern.test(printed) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
      return printed;
    };

    it('prints its base URL, a key, its limits and a curl command to try', () => {
      expect(baseUrl, printed).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
      expect(key).toBe('sk-local-playground');
      expect(printed).toMatch(/limits: +\d+ requests in flight, \d+ requests per [\d.]+ s/);
      expect(printed).toContain(`curl -s ${baseUrl}/chat/completions`);
    });

    it('answers a chat completion request sent with curl', async () => {
      const result = await curl(
        `${baseUrl}/chat/completions`,
        '-H',
        `Authorization: Bearer ${key}`,
        '-H',
        'Content-Type: application/json',
        '-d',
        BODY,
      );
      expect(result.exitCode, result.stderr).toBe(0);
      const answer = JSON.parse(result.stdout) as {
        object?: string;
        choices?: { message: { content: string } }[];
        error?: { message: string };
      };
      // The playground fails a few requests on purpose, as in grading: a 500 or 503 is an answer too.
      if (answer.error) expect(answer.error.message).toMatch(/server|overloaded/i);
      else {
        expect(answer.object).toBe('chat.completion');
        expect(answer.choices?.[0]?.message.content).toMatch(
          /^gpt-4o-mini answers "What rhymes with kale\?": [0-9a-f]{10}$/,
        );
      }
      expect(await logged(/#1 +gpt-4o-mini/)).toMatch(/#1 +gpt-4o-mini +"What rhymes with kale\?" -> \d{3}/);
    });

    it('refuses a burst of curl requests with 429 and the retry headers, and says so in its log', async () => {
      // One curl sending twelve requests at once (--parallel): past the playground's cap in flight and its budget.
      const urls = Array.from({ length: 12 }, () => `${baseUrl}/chat/completions`);
      const burst = await curl(
        '-i',
        '--parallel',
        '--parallel-immediate',
        '--parallel-max',
        '12',
        '-H',
        'Authorization: Bearer sk-another-key',
        '-d',
        BODY,
        ...urls,
      );
      const answers = burst.stdout.split(/(?=^HTTP\/1\.1 )/m);
      const refused = answers.filter((out) => /^HTTP\/1\.1 429/.test(out));
      expect(refused.length, answers.map((a) => a.split('\n')[0]).join('\n')).toBeGreaterThan(0);
      expect(refused[0]).toMatch(/^retry-after-ms: \d+\r?$/m);
      expect(refused[0]).toMatch(/^retry-after: \d+\r?$/m);
      expect(refused[0]).toMatch(/"code":"rate_limit_exceeded"/);
      expect(await logged(/-> 429 \(/)).toMatch(
        /-> 429 \((more than \d+ in flight|budget spent)\), retry after [\d.]+ s/,
      );
    });

    it('says what is wrong with a request without a key', async () => {
      const result = await curl(`${baseUrl}/chat/completions`, '-d', BODY);
      expect(JSON.parse(result.stdout)).toMatchObject({
        error: { code: 'invalid_api_key', type: 'invalid_request_error' },
      });
    });
  },
);
