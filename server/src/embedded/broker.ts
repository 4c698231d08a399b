// The embedded MQTT broker (aedes) on a TCP port, so outside devices and tools such as
// mosquitto_pub can publish to a console started with no external services. Every client
// signs in with a credential from the device registry and is held to its topics
// (broker-access.ts); anonymous clients are refused unless development mode lets them in.
// Given a certificate it also speaks MQTT over TLS on a second port, to the same broker.
import { createServer, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { DEVICE_LIMITS } from '@porttwin/contracts';
import type { Database } from '@porttwin/db';
import { Aedes, type AuthenticateError, type Client } from 'aedes';
import type { FastifyBaseLogger } from 'fastify';
import { BrokerAccess, type BrokerGrant, type BrokerRefusals } from './broker-access';
import { limitPacketSize } from './packet-size-limit';
import { DEFAULT_DEVICE_RATE_PER_SEC, PublishLimits } from './publish-limits';

export interface EmbeddedBroker {
  url: string;
  port: number;
  /** The MQTT-over-TLS listener, when one was asked for. */
  tls: { url: string; port: number } | null;
  /** Refused connects, publishes and subscribes since start. */
  refusals(): BrokerRefusals;
  close(): Promise<void>;
}

export interface EmbeddedBrokerOptions {
  /** TCP port; 0 = any free one. */
  port: number;
  host?: string;
  /** Also MQTT over TLS on this port (0 = any free one) with this PEM certificate and key; host default 0.0.0.0. */
  tls?: { port: number; host?: string; cert: Buffer; key: Buffer };
  /** The device registry every connection is checked against. */
  db: Database;
  /** PORTTWIN_ALLOW_ANONYMOUS_MQTT: anonymous clients may do anything (development only). */
  allowAnonymous?: boolean;
  log: Pick<FastifyBaseLogger, 'warn' | 'error'>;
  /** How often clients whose credential was revoked are hung up on (default 15 s). */
  revocationCheckMs?: number;
  /** PORTTWIN_DEVICE_RATE_LIMIT: messages a second a device may publish on average; 0 = no bound. */
  deviceRatePerSec?: number;
  /** Retained topics held at most, all clients together (default DEFAULT_MAX_RETAINED). */
  maxRetained?: number;
}

/** One status per asset, retained: room for a large port's devices and years of vessel voyages. */
export const DEFAULT_MAX_RETAINED = 100_000;

export class BrokerPortTakenError extends Error {
  constructor(port: number, variable: 'MQTT_PORT' | 'MQTTS_PORT' = 'MQTT_PORT') {
    super(
      `server: ${variable} ${port} is already in use (another broker?). Set ${variable} to a free port, or MQTT_URL to use that broker.`,
    );
    this.name = 'BrokerPortTakenError';
  }
}

/** Starts aedes listening on the port, with the device registry's access control. */
export async function startEmbeddedBroker(options: EmbeddedBrokerOptions): Promise<EmbeddedBroker> {
  const access = new BrokerAccess({ db: options.db, allowAnonymous: options.allowAnonymous ?? false, log: options.log });
  const grants = new WeakMap<Client, BrokerGrant>();
  const limits = new PublishLimits({
    deviceRatePerSec: options.deviceRatePerSec ?? DEFAULT_DEVICE_RATE_PER_SEC,
    maxRetained: options.maxRetained ?? DEFAULT_MAX_RETAINED,
    log: options.log,
  });
  const buckets = new WeakMap<Client, ReturnType<PublishLimits['deviceBucket']>>();
  /** Clients by the credential they were admitted with, to hang up on when it is revoked. */
  const byCredential = new Map<number, Set<Client>>();

  const aedes = await Aedes.createBroker({
    authenticate: (client, username, password, done) => {
      void access.admit(client.id, username, password).then((admission) => {
        if (!admission.ok) {
          const error = new Error(`broker: ${admission.reason}`) as AuthenticateError;
          error.returnCode = admission.code;
          done(error, false);
          return;
        }
        grants.set(client, admission.grant);
        buckets.set(client, admission.grant.scope === 'device' ? limits.deviceBucket() : null);
        const { credentialId } = admission.grant;
        if (credentialId !== null) {
          const clients = byCredential.get(credentialId) ?? new Set<Client>();
          byCredential.set(credentialId, clients.add(client));
        }
        done(null, true);
      });
    },
    // A refused publish ends the connection (MQTT 3.1.1 has no negative PUBACK), unacknowledged.
    authorizePublish: (client, packet, done) => {
      // No client: the broker's own messages ($SYS); a will is checked as its owner's publish.
      if (!client) return done(null);
      const grant = grants.get(client);
      if (!access.mayPublish(grant, packet.topic)) return done(new Error(`broker: ${client.id} may not publish on ${packet.topic}`));
      // One flood is one episode whatever client ids the device reconnects with: named by its credential.
      const who = grant?.username ?? client.id;
      // A will goes out when the link is lost, also when the link was cut for flooding: not rate-bound.
      // aedes hands its client's will (an untyped property) to authorizePublish as the packet itself.
      if (packet !== (client as Client & { will?: unknown }).will && !limits.withinRate(buckets.get(client) ?? null, who)) {
        return done(new Error(`broker: ${client.id} publishes too fast`));
      }
      if (packet.retain && !limits.mayRetain(who, packet.topic, packet.payload.length)) {
        return done(new Error(`broker: ${client.id} may not retain on ${packet.topic}`));
      }
      done(null);
    },
    // A refused subscription is answered with the failure code (0x80) in SUBACK; the connection stays.
    authorizeSubscribe: (client, subscription, done) => {
      done(null, access.maySubscribe(grants.get(client), subscription.topic) ? subscription : null);
    },
  });
  aedes.on('clientDisconnect', (client) => {
    const credentialId = grants.get(client)?.credentialId;
    if (credentialId != null) byCredential.get(credentialId)?.delete(client);
  });

  const revocations = setInterval(() => {
    for (const [id, clients] of byCredential) if (clients.size === 0) byCredential.delete(id);
    if (byCredential.size === 0) return;
    access.revokedAmong([...byCredential.keys()]).then(
      (revoked) => {
        for (const id of revoked) {
          for (const client of byCredential.get(id) ?? []) client.close();
          byCredential.delete(id);
        }
      },
      (error: Error) => options.log.error({ err: error }, 'broker: cannot check for revoked credentials'),
    );
  }, options.revocationCheckMs ?? 15_000);
  revocations.unref();

  // Every listener's sockets go through this: the packet size is held before aedes parses anything.
  const handle = (socket: Socket) => {
    limitPacketSize(socket, DEVICE_LIMITS.maxPacketBytes, (size) =>
      limits.tooLarge(`${socket.remoteAddress}:${socket.remotePort}`, size, DEVICE_LIMITS.maxPacketBytes),
    );
    aedes.handle(socket);
  };
  const servers: Server[] = [];
  const closeAll = async () => {
    clearInterval(revocations);
    await new Promise<void>((resolve) => aedes.close(() => resolve()));
    for (const server of servers) await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  let actualPort: number;
  let tlsPort: number | null = null;
  try {
    actualPort = await listen(servers, createServer(handle), options.port, options.host ?? '0.0.0.0', 'MQTT_PORT');
    if (options.tls) {
      const { port, host, cert, key } = options.tls;
      tlsPort = await listen(servers, createTlsServer({ cert, key }, handle), port, host ?? '0.0.0.0', 'MQTTS_PORT');
    }
  } catch (error) {
    await closeAll();
    throw error;
  }
  return {
    url: `mqtt://127.0.0.1:${actualPort}`,
    port: actualPort,
    tls: tlsPort === null ? null : { url: `mqtts://127.0.0.1:${tlsPort}`, port: tlsPort },
    refusals: () => ({ ...access.refusals(), ...limits.refusals() }),
    close: closeAll,
  };
}

/** Listens (and keeps the server in servers for closing); resolves to the port it got. */
async function listen(
  servers: Server[],
  server: Server,
  port: number,
  host: string,
  variable: 'MQTT_PORT' | 'MQTTS_PORT',
): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' ? new BrokerPortTakenError(port, variable) : error);
    });
    server.listen(port, host, () => resolve());
  });
  servers.push(server);
  const address = server.address();
  return typeof address === 'object' && address ? address.port : port;
}
