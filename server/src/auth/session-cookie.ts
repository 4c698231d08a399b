// The session cookie, and where a request's credential comes from. The cookie is httpOnly (no
// script on the page can read it, so an injected one cannot carry it off), SameSite=Strict
// (another site's page cannot make the browser send it) and Secure over HTTPS. API clients
// send the same token as `Authorization: Bearer`, which takes precedence.
import type { IncomingHttpHeaders } from 'node:http';
import fastifyCookie from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';

export const SESSION_COOKIE = 'porttwin_session';
/** The header a state-changing request signed in by the cookie carries (lower case, as Node gives it). */
export const CSRF_HEADER = 'x-csrf-token';

export interface SessionCookie {
  /** Whether the browser reaches the console over HTTPS. */
  secure: boolean;
}

export interface Credential {
  token: string;
  via: 'bearer' | 'cookie';
}

/** The bearer token if the request has one, else the session cookie, else null. */
export function credentialOf(request: FastifyRequest): Credential | null {
  return credentialFrom(request.headers, request.cookies[SESSION_COOKIE]);
}

/** The same for a socket.io handshake: `auth: {token}`, else the cookie. */
export function handshakeCredential(headers: IncomingHttpHeaders, auth: unknown): Credential | null {
  const token = (auth as { token?: unknown } | undefined)?.token;
  if (typeof token === 'string' && token !== '') return { token, via: 'bearer' };
  const cookies = headers.cookie ? fastifyCookie.parse(headers.cookie) : {};
  return credentialFrom({}, cookies[SESSION_COOKIE]);
}

function credentialFrom(headers: IncomingHttpHeaders, cookie: string | undefined): Credential | null {
  const header = headers.authorization;
  if (header?.startsWith('Bearer ')) return { token: header.slice('Bearer '.length).trim(), via: 'bearer' };
  if (cookie) return { token: cookie, via: 'cookie' };
  return null;
}

/** Sets the cookie of a session just opened; the browser drops it at the session's absolute end. */
export function setSessionCookie(reply: FastifyReply, settings: SessionCookie, token: string, absoluteEnd: number): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: settings.secure,
    path: '/',
    expires: new Date(absoluteEnd),
  });
}

export function clearSessionCookie(reply: FastifyReply, settings: SessionCookie): void {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', secure: settings.secure, path: '/' });
}
