import { type ChildProcess, spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openToOthers } from '../support/file-modes.js';
import { freshPostgres } from '../support/fresh-postgres.js';

const ROOT = resolve(import.meta.dirname, '../..');
/** Every bot started here, stopped at the end even when a test fails half-way. */
const started: ChildProcess[] = [];

/** `src/main.ts` as its own process, as `npm start` runs it, with only the given settings. */
function startBot(env: Record<string, string>) {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !/^(SLACK_|MicrosoftApp|DATABASE_URL$|DATA_DIR$)/.test(key),
    ),
  );
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { ...clean, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += String(chunk);
  });
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const listening = new Promise<string>((done, fail) => {
    child.stdout.on('data', (chunk) => {
      stdout += String(chunk);
      const line = stdout.split('\n').find((each) => each.includes('"msg":"listening"'));
      if (line) done(JSON.parse(line).url);
    });
    void exited.then((code) => fail(new Error(`stopped with ${code}: ${stderr}`)));
  });
  return { child, exited, listening, stderr: () => stderr, stdout: () => stdout };
}

async function stopBot(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  child.kill('SIGTERM');
  await exited;
}

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'stappenplan-private-'));
});
afterAll(async () => {
  for (const child of started)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await rm(scratch, { recursive: true, force: true });
});

describe('the embedded database folder', () => {
  it('is private after a first start: no file or folder the group or others can use', async () => {
    const dataDir = join(scratch, 'new', 'data');
    const bot = startBot({ DATA_DIR: dataDir });
    try {
      const url = await bot.listening;
      expect((await fetch(`${url}/readyz`)).status).toBe(200);
    } finally {
      await stopBot(bot.child, bot.exited);
    }
    expect((await readdir(dataDir, { recursive: true })).length).toBeGreaterThan(100);
    expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
    expect(await openToOthers(dataDir)).toEqual([]);
  }, 120_000);

  it('is refused with one line when others can open it, and left untouched', async () => {
    const dataDir = join(scratch, 'shared');
    await mkdir(dataDir);
    await chmod(dataDir, 0o755);
    const bot = startBot({ DATA_DIR: dataDir });
    bot.listening.catch(() => undefined);
    expect(await bot.exited).toBe(1);
    expect(bot.stderr()).toBe(
      `Configuration error: DATA_DIR ${dataDir} can be opened by other users (mode 0755). Make it private with: chmod 700 ${dataDir}\n`,
    );
    expect(await readdir(dataDir)).toEqual([]);
    expect((await stat(dataDir)).mode & 0o777).toBe(0o755);
  }, 60_000);

  const serverUrl = inject('postgresUrl');
  it.skipIf(!serverUrl)(
    'is not looked at when DATABASE_URL names a server',
    async () => {
      const dataDir = join(scratch, 'unused');
      await mkdir(dataDir);
      await chmod(dataDir, 0o755);
      const database = await freshPostgres(serverUrl ?? '');
      // A real deployment (Teams credentials): the playground never runs on a school's database.
      const bot = startBot({
        DATA_DIR: dataDir,
        DATABASE_URL: database.url,
        MicrosoftAppId: '00000000-0000-4000-8000-000000000001',
        MicrosoftAppPassword: 'secret',
      });
      try {
        const url = await bot.listening;
        expect(await (await fetch(`${url}/readyz`)).json()).toEqual({
          status: 'ready',
          database: 'postgres',
        });
      } finally {
        await stopBot(bot.child, bot.exited);
        await database.drop();
      }
      expect(await readdir(dataDir)).toEqual([]);
    },
    60_000,
  );
});
