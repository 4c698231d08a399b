// The server's coded HTTP errors (@fastify/error); messages start with "server:".
import createError from '@fastify/error';

export const UnauthorizedError = createError(
  'PT_UNAUTHORIZED',
  'server: sign in first (the session cookie, or Authorization: Bearer <token>); sessions end at sign-out, when idle too long, and at their absolute end',
  401,
);
export const CsrfError = createError(
  'PT_CSRF',
  "server: a request signed in by the session cookie that changes something must carry the session's X-CSRF-Token header",
  403,
);
export const BadKioskTokenError = createError('PT_BAD_KIOSK_TOKEN', 'server: the kiosk token is unknown, expired or revoked', 401);
export const ForbiddenError = createError('PT_FORBIDDEN', 'server: role %s may not %s', 403);
export const BadCredentialsError = createError('PT_BAD_CREDENTIALS', 'server: unknown user or wrong password', 401);
export const TooManySignInsError = createError('PT_TOO_MANY_SIGN_INS', 'server: too many failed sign-ins %s; try again in %d s', 429);
export const NotFoundError = createError('PT_NOT_FOUND', 'server: %s not found', 404);
export const NoRouteError = createError('PT_NO_ROUTE', 'server: no route %s %s', 404);
export const BadTimeError = createError('PT_BAD_TIME', 'server: %s="%s" is neither RFC 3339 nor epoch milliseconds', 400);
export const BadRangeError = createError('PT_BAD_RANGE', 'server: %s', 400);
export const QueryTimeoutError = createError(
  'PT_QUERY_TIMEOUT',
  'server: the database took over %d ms for this request; ask for a shorter range or fewer rows',
  503,
);
export const WeakPasswordError = createError('PT_WEAK_PASSWORD', 'server: the password %s', 400);
export const UserExistsError = createError('PT_USER_EXISTS', 'server: user %s exists already', 409);
export const LastAdminError = createError('PT_LAST_ADMIN', 'server: %s is the last admin; make another admin first', 409);
export const AlertStateError = createError('PT_ALERT_STATE', 'server: alert %d is %s: %s', 409);
export const BadAlertRequestError = createError('PT_BAD_ALERT_REQUEST', 'server: %s', 400);
