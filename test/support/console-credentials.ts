// MQTT credentials from a running console's API (admin), for tests that publish to its
// embedded broker as a device or a site publisher would.

export interface MqttCredential {
  username: string;
  password: string;
}

async function issue(url: string, token: string, path: string): Promise<MqttCredential> {
  const response = await fetch(`${url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as MqttCredential;
}

/** Credentials that publish every device topic of the site (POST /api/sites/{site}/publisher-credentials). */
export function issuePublisherCredential(url: string, token: string, site: string, name?: string): Promise<MqttCredential> {
  return issue(url, token, `/api/sites/${site}/publisher-credentials${name ? `?name=${encodeURIComponent(name)}` : ''}`);
}

/** One device's credentials (POST /api/devices/{assetId}/credentials): its own topics only. */
export function issueDeviceCredential(url: string, token: string, assetId: string): Promise<MqttCredential> {
  return issue(url, token, `/api/devices/${assetId}/credentials`);
}

/** The broker URL signed in as the credential, as MQTT.js and the simulator take it. */
export function mqttUrlWith(url: string, credential: MqttCredential): string {
  const signed = new URL(url);
  signed.username = credential.username;
  signed.password = credential.password;
  return signed.toString();
}
