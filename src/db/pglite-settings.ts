import { setFlagsFromString } from 'node:v8';
import { PGlite } from '@electric-sql/pglite';

/**
 * PostgreSQL settings for the embedded database, passed at start as PGlite's `startParams`
 * (defaults kept, see https://github.com/electric-sql/pglite/discussions/912 and
 * https://pglite.dev/docs/api#options). initdb writes `shared_buffers = 128MB`, and PGlite touches
 * all of it at start: that alone is over 100 MB of resident memory. A school's data is a few MB,
 * so 16 MB of buffers holds all of it. wal_buffers follows shared_buffers (1/32) by default.
 */
export const EMBEDDED_SHARED_BUFFERS = '16MB';

export function pgliteStartParams(): string[] {
  return [...PGlite.defaultStartParams, '-c', `shared_buffers=${EMBEDDED_SHARED_BUFFERS}`];
}

let compilerChosen = false;

/**
 * Keeps PGlite's 9 MB WebAssembly module on V8's baseline compiler, Liftoff. By default V8 also
 * recompiles the functions it finds hot with TurboFan in the background ("dynamic tiering",
 * https://v8.dev/blog/wasm-dynamic-tiering), which on this module costs about 75 MB of memory and
 * a CPU core during start-up, while the bot's few small queries do not get measurably faster.
 * V8 reads these flags when it compiles a module, so they must be set before the first PGlite
 * starts (https://nodejs.org/api/v8.html#v8setflagsfromstringflags).
 */
export function useBaselineWasmCompiler(): void {
  if (compilerChosen) return;
  compilerChosen = true;
  setFlagsFromString('--no-wasm-dynamic-tiering');
  setFlagsFromString('--no-wasm-tier-up');
}
