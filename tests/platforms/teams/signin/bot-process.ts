import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** The bot as `npm start` runs it, in its own process. */
export interface BotProcess {
  url: string;
  /** Log lines (JSON) the bot wrote to stdout. */
  logs: string[];
  stderr: string[];
  stop(): Promise<void>;
}

/**
 * Starts src/main.ts in a child process with exactly `env` (plus PATH and HOME). A child process
 * because Node reads NODE_EXTRA_CA_CERTS only at start
 * (https://nodejs.org/docs/latest-v20.x/api/cli.html#node_extra_ca_certsfile), and the bot must
 * trust the test's own certificate for its https calls.
 */
export async function startBotProcess(env: Record<string, string>, timeoutMs = 45_000): Promise<BotProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  const stderr: string[] = [];
  let pending = '';
  child.stderr?.on('data', (chunk) => stderr.push(String(chunk)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the bot did not start in time:\n${stderr.join('')}\n${logs.join('\n')}`));
    }, timeoutMs);
    child.stdout?.on('data', (chunk) => {
      pending += String(chunk);
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        logs.push(line);
        const entry = parse(line);
        if (entry?.msg === 'listening' && typeof entry.url === 'string') {
          clearTimeout(timer);
          resolve(entry.url);
        }
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the bot stopped with ${code}:\n${stderr.join('')}\n${logs.join('\n')}`));
    });
  });
  return { url, logs, stderr, stop: () => stop(child) };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

/** The JSON log entries among `lines`. */
export function entries(lines: string[]): Array<Record<string, unknown>> {
  return lines.map(parse).filter((entry): entry is Record<string, unknown> => entry !== null);
}

function parse(line: string): Record<string, unknown> | null {
  try {
    const value = JSON.parse(line);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
