import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, type Running, startAgentsPlayground, startBot } from './agents-playground.launcher.js';

/**
 * `npm run dev:teams`: the bot in Teams mode without sign-in next to Microsoft 365 Agents
 * Playground, both on 127.0.0.1. Ctrl-C stops both; when one of them stops, so does the other.
 */
async function main(): Promise<void> {
  // The simulator is told the bot's port, so "0" (any free port) is resolved here first.
  const botPort = Number(process.env.PORT || 3978) || (await freePort());
  const playgroundPort = Number(process.env.TEAMSAPPTESTER_PORT || 56150) || (await freePort());
  const logFile = join(tmpdir(), 'stappenplan-agents-playground.log');
  const running: Running[] = [];
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await Promise.all(running.map((child) => child.stop()));
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  try {
    const bot = await startBot({ port: botPort, output: 'inherit' });
    running.push(bot);
    const simulator = await startAgentsPlayground({
      port: playgroundPort,
      botEndpoint: `${bot.url}/api/messages`,
      logFile,
      openBrowser: process.env.TEAMSAPPTESTER_BROWSER !== 'none',
      showErrors: true,
    });
    running.push(simulator);
    for (const child of running) void child.exited.then(() => stopAll(1));
    process.stdout.write(
      [
        '',
        `Microsoft 365 Agents Playground: open ${simulator.url}/ in your browser.`,
        `  First open General (under Zorgteam) once: that adds the bot to the team, as installing it in Teams does.`,
        `  Its log: ${logFile}. Ctrl-C stops the bot and the Agents Playground.`,
        '',
      ].join('\n'),
    );
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    await stopAll(1);
  }
}

void main();
