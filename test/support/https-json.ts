// JSON over HTTPS to a console whose certificate a test made: Node's fetch cannot be given a
// CA per request, node:https can.
import { request } from 'node:https';

export interface HttpsAnswer {
  status: number;
  body: string;
}

/** One request; rejects with the TLS or socket error when there is no answer. */
export function httpsRequest(url: string, options: { ca: Buffer; method?: string; token?: string; json?: unknown }): Promise<HttpsAnswer> {
  const body = options.json === undefined ? undefined : JSON.stringify(options.json);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: options.method ?? 'GET',
        ca: options.ca,
        headers: {
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** The answer's JSON, or an error naming the request and what came back. */
export async function httpsJson<T>(url: string, options: Parameters<typeof httpsRequest>[1]): Promise<T> {
  const answer = await httpsRequest(url, options);
  if (answer.status >= 400) throw new Error(`${options.method ?? 'GET'} ${url}: ${answer.status} ${answer.body}`);
  return JSON.parse(answer.body) as T;
}
