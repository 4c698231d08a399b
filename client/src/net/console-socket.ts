// The one owner of socket.io-client: connects to the same origin, where the browser sends the
// session cookie with the handshake, and feeds the stores.
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@porttwin/contracts';
import { useAlertStore } from '../store/alerts';
import { useAssetStore, newestLastSeen } from '../store/assets';
import { useAuthStore } from '../store/auth';
import { useClearanceStore } from '../store/clearance';
import { useConnectionStore } from '../store/connection';
import { useKpiStore } from '../store/kpis';
import { useSiteStore } from '../store/site';

export type ConsoleSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Opens the live feed; returns a function that closes it. */
export function connectConsole(): () => void {
  // Asked at every (re)connection: a console that was away gets the alerts that changed meanwhile.
  const socket: ConsoleSocket = io({
    withCredentials: true,
    auth: (send) => {
      const since = useAlertStore.getState().newestUpdateAt;
      send(since === null ? {} : { alertsSince: since });
    },
  });

  socket.on('connect', () => useConnectionStore.getState().setConnected(true));
  socket.on('disconnect', (reason) => {
    useConnectionStore.getState().setConnected(false);
    // The server dropping us on purpose stops socket.io's own retries; a console on a wall must keep trying.
    if (reason === 'io server disconnect') socket.connect();
  });
  socket.on('connect_error', (error) => {
    useConnectionStore.getState().setConnected(false);
    if (error.message === 'unauthorized') {
      socket.disconnect();
      useAuthStore.getState().signOut('expired');
    }
    // Any other error: socket.io retries with back-off, and the badge says OFFLINE meanwhile.
  });

  socket.on('snapshot', (snapshot) => {
    const receivedAt = Date.now();
    useConnectionStore.getState().heard(snapshot.serverTime, receivedAt);
    useSiteStore.getState().setLayout(snapshot.site);
    useAssetStore.getState().replaceAll(snapshot.assets, receivedAt);
    useKpiStore.getState().setKpis(snapshot.kpis);
    useClearanceStore.getState().setClearance(snapshot.clearance);
    useClearanceStore.getState().setForecast(snapshot.forecast);
    useAlertStore.getState().replaceAll(snapshot.alerts);
    const newest = newestLastSeen(snapshot.assets);
    if (newest !== null) useConnectionStore.getState().sawAssetsAt(newest);
  });
  socket.on('assets', (changes) => {
    useAssetStore.getState().applyChanges(changes, Date.now());
    const newest = newestLastSeen(changes);
    if (newest !== null) useConnectionStore.getState().sawAssetsAt(newest);
  });
  socket.on('kpis', (kpis) => useKpiStore.getState().setKpis(kpis));
  socket.on('clearance', (clearance) => useClearanceStore.getState().setClearance(clearance));
  socket.on('forecast', (forecast) => useClearanceStore.getState().setForecast(forecast));
  socket.on('alert', (alert) => useAlertStore.getState().apply(alert));
  socket.on('heartbeat', (heartbeat) => useConnectionStore.getState().heard(heartbeat.serverTime, Date.now(), heartbeat.ingestLagMs));

  return () => {
    socket.removeAllListeners();
    socket.disconnect();
    useConnectionStore.getState().setConnected(false);
  };
}
