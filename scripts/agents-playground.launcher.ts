import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: both processes run from here (the bot's `src/main.ts`, the simulator's config). */
export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The simulator reads its demo tenant, team and people from here. */
export const PLAYGROUND_CONFIG = join(REPO_ROOT, '.m365agentsplayground.yml');
const SIMULATOR_CLI = join(REPO_ROOT, 'node_modules/@microsoft/m365agentsplayground/cli.js');
const LOOPBACK_ONLY = join(REPO_ROOT, 'scripts/loopback-only.mjs');

/** A started child process and how to stop it. */
export interface Running {
  url: string;
  port: number;
  /** What it wrote (empty when its output goes to this terminal). */
  output(): string;
  stop(): Promise<void>;
  /** Resolves with the exit code (or signal) when the process ends by itself or is stopped. */
  exited: Promise<number | string | null>;
}

export interface BotOptions {
  port: number;
  /** Extra environment (DATA_DIR, LOG_LEVEL…); the simulator switch and loopback are always set. */
  env?: Record<string, string>;
  /** `inherit` shows the bot's log in this terminal; `collect` keeps it for `output()`. */
  output: 'inherit' | 'collect';
  timeoutMs?: number;
}

/**
 * The bot in Teams mode without sign-in (TEAMS_DEV_SIMULATOR=1), on 127.0.0.1 only; resolves
 * once `/readyz` answers, so the simulator's first activities are not lost.
 */
export async function startBot(options: BotOptions): Promise<Running> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...options.env,
    TEAMS_DEV_SIMULATOR: '1',
    HOST: '127.0.0.1',
    PORT: String(options.port),
    MicrosoftAppId: '',
    MicrosoftAppPassword: '',
  };
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: REPO_ROOT,
    env,
    stdio: options.output === 'inherit' ? ['ignore', 'inherit', 'inherit'] : ['ignore', 'pipe', 'pipe'],
  });
  const running = track(child, `http://127.0.0.1:${options.port}`, options.port);
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    const ready = await fetch(`${running.url}/readyz`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return running;
    await sleep(150);
  }
  await running.stop();
  throw new Error(`The bot did not start on port ${options.port}:\n${running.output()}`);
}

export interface SimulatorOptions {
  port: number;
  /** The bot's `/api/messages`. */
  botEndpoint: string;
  /** The simulator writes its log here instead of ./devTools in the working directory. */
  logFile: string;
  /** Let the simulator open the system browser (it does by default). */
  openBrowser: boolean;
  /** Also show what it writes to stderr in this terminal. */
  showErrors?: boolean;
  timeoutMs?: number;
}

/**
 * Microsoft 365 Agents Playground as Microsoft ships it (`agentsplayground`), in the Teams channel,
 * with telemetry off and bound to 127.0.0.1. Resolves when it prints `Listening on <port>`, which
 * it writes to stdout when that is not a terminal. Its options, the config file and
 * `--disable-telemetry`: https://learn.microsoft.com/microsoftteams/platform/toolkit/debug-your-agents-playground
 */
export async function startAgentsPlayground(options: SimulatorOptions): Promise<Running> {
  const { port } = options;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    M365_AGENTS_PLAYGROUND_CONFIG_PATH: PLAYGROUND_CONFIG,
    M365_AGENTS_PLAYGROUND_LOGFILE: options.logFile,
    // --disable-telemetry stops its events, but the Application Insights client it still sets up
    // starts its own heartbeat ("statsbeat"), which calls Azure's instance metadata address
    // (169.254.169.254) and resolves Microsoft hosts; this switch of that SDK turns it off.
    APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
  };
  if (!options.openBrowser) env.TEAMSAPPTESTER_BROWSER = 'none';
  const args = [
    '--import',
    LOOPBACK_ONLY,
    SIMULATOR_CLI,
    '--app-endpoint',
    options.botEndpoint,
    '--channel-id',
    'msteams',
    '--port',
    String(port),
    // Its default service URL says "localhost"; the bot should not depend on how that resolves.
    '--service-url',
    `http://127.0.0.1:${port}/_connector`,
    '--disable-telemetry',
  ];
  const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  if (options.showErrors) child.stderr?.pipe(process.stderr);
  const running = track(child, `http://127.0.0.1:${port}`, port);
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  while (Date.now() < deadline && child.exitCode === null) {
    const listening = /Listening on (\d+)/.exec(running.output())?.[1];
    if (listening === String(port)) return running;
    if (listening) {
      // It moves to a random port when the asked one is taken; the service URL above would be wrong.
      await running.stop();
      throw new Error(`Port ${port} is in use; choose another with TEAMSAPPTESTER_PORT.`);
    }
    await sleep(100);
  }
  await running.stop();
  throw new Error(`Microsoft 365 Agents Playground did not start on port ${port}:\n${running.output()}`);
}

/** A port nobody listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function track(child: ChildProcess, url: string, port: number): Running {
  let text = '';
  const keep = (chunk: Buffer) => {
    text += chunk.toString('utf8');
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | string | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal)),
  );
  return {
    url,
    port,
    output: () => text,
    exited,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
