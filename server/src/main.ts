// `pnpm console`: starts the whole console from the environment (see config.ts) and stops
// it cleanly on SIGINT/SIGTERM.
import { readConfig } from './config';
import { startConsole } from './launcher';

const STOP_DEADLINE_MS = 9_000;

try {
  const running = await startConsole(readConfig());
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`PortTwin: ${signal}, stopping…`);
    // The pieces bound their own shutdown (the gateway gives pending writes 5 s); this is the
    // last resort, so a stop always ends within 10 s. What was acknowledged is already stored.
    setTimeout(() => {
      console.error(`PortTwin: not stopped within ${STOP_DEADLINE_MS / 1000} s; exiting`);
      process.exit(1);
    }, STOP_DEADLINE_MS).unref();
    await running.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
