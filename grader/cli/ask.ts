// A yes/no question on the terminal; anything but "y" or "yes" is no, so a stray Enter changes nothing.
import { createInterface } from 'node:readline';

// Resolves false when the input ends before an answer (Ctrl-D), so nothing changes by accident.
export async function askYesNo(
  question: string,
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
): Promise<boolean> {
  const rl = createInterface({ input, output, terminal: false });
  try {
    const answer = await new Promise<string>((resolve) => {
      output.write(question);
      rl.once('line', resolve);
      rl.once('close', () => resolve(''));
    });
    return /^\s*y(es)?\s*$/i.test(answer);
  } finally {
    rl.close();
  }
}
