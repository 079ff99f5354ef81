import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, symlinkSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One start of the production build: spawn until `/readyz` says ready, and memory after idling. */
export interface StartSample {
  readyMs: number;
  /** Resident memory of the bot process after ready and the idle pause, in MB. */
  idleRssMb: number;
  /** Highest resident memory of the process up to then, in MB. */
  peakRssMb: number;
}

/** Environment of a plain `node dist/src/main.js`: no chat platform, so the playground runs. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(SLACK_|MicrosoftApp|DATABASE_URL$|DATA_DIR$|PORT$|HOST$|PLAYBOOK_FILE$)/.test(key)) continue;
    env[key] = value;
  }
  return { ...env, HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...extra };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function memoryMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1]);
    return Number.isFinite(kb) ? kb / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(killer);
}

/** Starts `node dist/src/main.js` in `root` and measures it; throws with its stderr if it fails. */
export async function measureStart(
  root: string,
  env: Record<string, string>,
  idleMs: number,
): Promise<StartSample> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    cwd: root,
    env: cleanEnv({ ...env, PORT: String(port) }),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += String(chunk);
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the bot stopped (${child.exitCode}): ${stderr.trim()}`);
      if (performance.now() - started > 180_000) throw new Error('the bot was not ready within 180 s');
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`)
        .then(
          async (response) =>
            response.ok && ((await response.json()) as { status?: string }).status === 'ready',
        )
        .catch(() => false);
      if (ready) break;
      await sleep(20);
    }
    const readyMs = performance.now() - started;
    await sleep(idleMs);
    const pid = child.pid ?? 0;
    return { readyMs, idleRssMb: memoryMb(pid, 'VmRSS'), peakRssMb: memoryMb(pid, 'VmHWM') };
  } finally {
    await stop(child);
  }
}

function run(command: string, args: string[], cwd: string): void {
  const result = spawnSync(command, args, { cwd, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed in ${cwd}`);
}

/** Builds with `npm run build` when dist is missing. */
export function ensureBuilt(root: string): void {
  if (!existsSync(join(root, 'dist/src/main.js'))) run('npm', ['run', 'build'], root);
}

/**
 * A copy of commit `ref` in a temporary folder, built, sharing this checkout's node_modules when
 * the lock files match (else installed). Null when `ref` does not resolve.
 */
export async function checkoutBase(
  root: string,
  ref: string,
): Promise<{ dir: string; commit: string } | null> {
  const rev = spawnSync('git', ['rev-parse', '--verify', `${ref}^{commit}`], { cwd: root, encoding: 'utf8' });
  if (rev.status !== 0) return null;
  const commit = rev.stdout.trim();
  const dir = await mkdtemp(join(tmpdir(), 'stappenplan-bench-base-'));
  const archive = spawnSync('git', ['archive', '--format=tar', commit], { cwd: root, maxBuffer: 1 << 30 });
  if (archive.status !== 0) throw new Error(`git archive ${commit} failed`);
  const untar = spawnSync('tar', ['-x', '-C', dir], { input: archive.stdout });
  if (untar.status !== 0) throw new Error('unpacking the base commit failed');
  const sameLock =
    spawnSync('git', ['diff', '--quiet', commit, '--', 'package-lock.json'], { cwd: root }).status === 0;
  if (sameLock) symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  else run('npm', ['ci', '--ignore-scripts'], dir);
  run('npm', ['run', 'build'], dir);
  return { dir, commit };
}
