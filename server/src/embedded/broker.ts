// The embedded MQTT broker (aedes) on a TCP port, so outside devices and tools such as
// mosquitto_pub can publish to a console started with no external services.
import { createServer, type Server } from 'node:net';
import { Aedes } from 'aedes';

export interface EmbeddedBroker {
  url: string;
  port: number;
  close(): Promise<void>;
}

export class BrokerPortTakenError extends Error {
  constructor(port: number) {
    super(`server: MQTT_PORT ${port} is already in use (another broker?). Set MQTT_PORT to a free port, or MQTT_URL to use that broker.`);
    this.name = 'BrokerPortTakenError';
  }
}

/** Starts aedes listening on port (0 = any free port). */
export async function startEmbeddedBroker(port: number, host = '0.0.0.0'): Promise<EmbeddedBroker> {
  const aedes = await Aedes.createBroker();
  const server: Server = createServer(aedes.handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' ? new BrokerPortTakenError(port) : error);
    });
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    url: `mqtt://127.0.0.1:${actualPort}`,
    port: actualPort,
    close: async () => {
      await new Promise<void>((resolve) => aedes.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
