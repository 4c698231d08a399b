// Who is signed in: a session token from the login form (kept in localStorage) or a wall screen's kiosk token.
import type { Role } from '@porttwin/contracts';
import { create } from 'zustand';
import { urlOptions } from '../url-options';

const TOKEN_KEY = 'porttwin.token';
const USER_KEY = 'porttwin.user';

export interface SessionUser {
  username: string;
  role: Role;
}

/** Why the login form is showing, when it is not the first visit. */
export type SignOutReason = 'expired' | null;

interface AuthStore {
  token: string | null;
  user: SessionUser | null;
  kiosk: boolean;
  signOutReason: SignOutReason;
  signIn: (token: string, user: SessionUser) => void;
  /** Drops the token (the server refused it, or the user signed out) so the login form shows. */
  signOut: (reason: SignOutReason) => void;
}

function savedUser(): SessionUser | null {
  try {
    const raw = window.localStorage.getItem(USER_KEY);
    return raw === null ? null : (JSON.parse(raw) as SessionUser);
  } catch {
    return null; // a damaged entry just means we do not know the name until the next sign-in
  }
}

const kioskToken = urlOptions.kioskToken;

export const useAuthStore = create<AuthStore>((set) => ({
  token: kioskToken ?? window.localStorage.getItem(TOKEN_KEY),
  user: kioskToken !== null ? null : savedUser(),
  kiosk: kioskToken !== null,
  signOutReason: null,
  signIn: (token, user) => {
    window.localStorage.setItem(TOKEN_KEY, token);
    window.localStorage.setItem(USER_KEY, JSON.stringify(user));
    set({ token, user, kiosk: false, signOutReason: null });
  },
  signOut: (reason) => {
    window.localStorage.removeItem(TOKEN_KEY);
    window.localStorage.removeItem(USER_KEY);
    set({ token: null, user: null, kiosk: false, signOutReason: reason });
  },
}));
