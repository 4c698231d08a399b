// Who is signed in. The session itself is an httpOnly cookie that no script here can read (so
// none injected into the page can carry it off); the page knows only the user, whether it is a
// wall screen's kiosk session, and the CSRF token it sends with every change.
import type { Role } from '@porttwin/contracts';
import { create } from 'zustand';

export interface SessionUser {
  username: string;
  role: Role;
}

/** Why the login form is showing, when it is not the first visit. */
export type SignOutReason = 'expired' | 'kiosk-refused' | null;

export interface SignedInSession {
  user: SessionUser;
  csrfToken: string | null;
  kiosk: boolean;
}

interface AuthStore {
  /** 'checking' until the server says whether the cookie still holds a session. */
  status: 'checking' | 'signed-out' | 'signed-in';
  user: SessionUser | null;
  csrfToken: string | null;
  kiosk: boolean;
  /** Bumped at each sign-in, so the console starts afresh for a new session. */
  sessionNumber: number;
  signOutReason: SignOutReason;
  signIn: (session: SignedInSession) => void;
  /** Forgets the session here (the server refused it, or it was ended) so the login form shows. */
  signOut: (reason: SignOutReason) => void;
}

export const useAuthStore = create<AuthStore>((set) => ({
  status: 'checking',
  user: null,
  csrfToken: null,
  kiosk: false,
  sessionNumber: 0,
  signOutReason: null,
  signIn: (session) => set((state) => ({ status: 'signed-in', ...session, sessionNumber: state.sessionNumber + 1, signOutReason: null })),
  signOut: (reason) => set({ status: 'signed-out', user: null, csrfToken: null, kiosk: false, signOutReason: reason }),
}));
