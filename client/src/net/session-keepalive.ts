// A user's session ends after SESSION_IDLE_MINUTES without a request (the server's idle
// expiry), but the live view needs no requests: it streams over socket.io. So a person using
// the console (pointer, keys, wheel) tells the server so, at most once a minute; a laptop left
// alone still idles out. Wall screens' kiosk sessions have no idle end and send nothing.
import { apiFetch } from './api';

const AT_MOST_EVERY_MS = 60_000;
const USE = ['pointerdown', 'keydown', 'wheel'] as const;

/** Starts reporting use; returns a function that stops it. */
export function keepSessionAliveWhileUsed(): () => void {
  let last = Date.now();
  const used = () => {
    const now = Date.now();
    if (now - last < AT_MOST_EVERY_MS) return;
    last = now;
    void apiFetch('/api/auth/session').catch(() => null);
  };
  for (const event of USE) window.addEventListener(event, used, { passive: true });
  return () => {
    for (const event of USE) window.removeEventListener(event, used);
  };
}
