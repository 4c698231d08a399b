// Tokens for tests that need a signed-in user or a wall screen without going through the
// login form: a real session row, or a real signed kiosk token, exactly as the routes make them.
import type { App } from '../app';

/** A session's bearer token for a user who exists in the users table. */
export async function sessionTokenOf(app: App, username: string): Promise<string> {
  return (await app.sessions.open({ username })).token;
}

/** A kiosk token for a row of kiosk_tokens (or for an id not on record, to see it refused). */
export function kioskTokenOf(app: App, kioskId: string, name = 'wall', expiresAt = Date.now() + 3_600_000): string {
  return app.sessions.kioskTokens.issue({ username: `kiosk:${name}`, expiresAt, kioskId });
}
