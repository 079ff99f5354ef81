import { startApp } from './app.js';
import { ConfigError, loadConfig } from './config/config.js';
import { isDomainError } from './core/errors/domain-error.js';
import { createLogger } from './logging/logger.js';
import { selectModules } from './modules.js';

/** Process entry: a bad configuration stops the process with one line that says what to fix. */
async function main(): Promise<void> {
  // Files this process creates (the embedded database, above all) are for its own user only.
  process.umask(0o077);
  let config: ReturnType<typeof loadConfig>;
  let modules: ReturnType<typeof selectModules>;
  try {
    config = loadConfig(process.env);
    modules = selectModules(process.env, config);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  let app: Awaited<ReturnType<typeof startApp>>;
  try {
    app = await startApp(config, { logger, modules });
  } catch (error) {
    process.stderr.write(`${startupProblem(error)}\n`);
    logger.flush();
    process.exit(1);
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    await app.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

function startupProblem(error: unknown): string {
  if (error instanceof ConfigError) return error.message;
  if (isDomainError(error)) return `Start-up error: ${error.message}`;
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'EADDRINUSE')
    return 'Start-up error: PORT is already in use by another program; choose another PORT.';
  if (code === 'ECONNREFUSED') return 'Start-up error: DATABASE_URL points at a server that does not answer.';
  return `Start-up error: ${error instanceof Error ? error.message : String(error)}`;
}

void main();
