// `pnpm console`: starts the whole console from the environment (see config.ts) and stops
// it cleanly on SIGINT/SIGTERM.
import { readConfig } from './config';
import { startConsole } from './launcher';

try {
  const running = await startConsole(readConfig());
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`PortTwin: ${signal}, stopping…`);
    await running.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
