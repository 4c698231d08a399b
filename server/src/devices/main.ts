// `pnpm devices`: the device registry from a terminal — issue and revoke MQTT credentials, list
// them, and write Mosquitto's password and ACL files. Reads DATABASE_URL (or the embedded
// database in DATA_DIR, which only one process may open: stop the console first, or use the
// API) and SITE_FILE, as the console does.
import { type Database, listLiveDeviceCredentials, openDatabase, revokeDeviceCredential } from '@porttwin/db';
import { readSiteFile } from '@porttwin/simulator';
import { readConfig } from '../config';
import { issueDeviceCredential, issueGatewayCredential, issuePublisherCredential } from './credentials';
import { writeMosquittoFiles } from './mosquitto-files';

const USAGE = `Usage: pnpm devices <command> [--json]

  issue <assetId>             credentials for one device of the site layout (SITE_FILE)
  publisher <site> [name]     credentials that publish every device topic of the site
  gateway <gatewayId>         credentials for an edge gateway; its user name is its client id
  revoke <username>           revoke a credential (the embedded broker hangs up within 15 s)
  list                        live credentials: user name, scope, issued
  mosquitto-files <dir>       write porttwin.passwd, porttwin.acl and porttwin-auth.conf for Mosquitto

A password is printed once and stored only as hashes. Issuing a name again replaces its
password. After issuing or revoking, write the Mosquitto files again and reload Mosquitto
(SIGHUP). --json prints {username, password} (issue, publisher, gateway).
Database: DATABASE_URL, else the embedded one in DATA_DIR (stop the console first, or use the API).
`;

async function run(db: Database, command: string, args: string[], json: boolean): Promise<void> {
  const show = (credential: { username: string; password: string }) =>
    console.log(
      json
        ? JSON.stringify(credential)
        : `user name: ${credential.username}\npassword:  ${credential.password}\n(the password is not shown again)`,
    );
  switch (command) {
    case 'issue': {
      const site = readSiteFile(readConfig().siteFile);
      const asset = site.assets.find((candidate) => candidate.id === args[0]);
      if (!asset) throw new Error(`devices: asset "${args[0] ?? ''}" is not in the site layout ${readConfig().siteFile}`);
      return show(await issueDeviceCredential(db, { site: site.site, kind: asset.kind, assetId: asset.id }));
    }
    case 'publisher': {
      const site = readSiteFile(readConfig().siteFile);
      if (args[0] !== site.site) throw new Error(`devices: site "${args[0] ?? ''}" is not the layout's (${site.site})`);
      return show(await issuePublisherCredential(db, site.site, args[1]));
    }
    case 'gateway':
      return show(await issueGatewayCredential(db, args[0] ?? ''));
    case 'revoke':
      if (!(await revokeDeviceCredential(db, args[0] ?? ''))) throw new Error(`devices: no live credential "${args[0] ?? ''}"`);
      return console.log(`revoked ${args[0]}`);
    case 'list':
      for (const credential of await listLiveDeviceCredentials(db)) {
        const { scope } = credential;
        const what =
          scope.type === 'device'
            ? `device ${scope.site}/${scope.kind}/${scope.assetId}`
            : scope.type === 'publisher'
              ? `publisher ${scope.site}`
              : 'gateway';
        console.log(
          json
            ? JSON.stringify({ username: credential.username, scope, createdAt: credential.createdAt })
            : `${credential.username}\t${what}\t${new Date(credential.createdAt).toISOString()}`,
        );
      }
      return;
    case 'mosquitto-files': {
      if (!args[0]) throw new Error('devices: mosquitto-files needs a directory');
      const { count, paths } = await writeMosquittoFiles(db, args[0]);
      return console.log(
        `${count} credentials written to ${paths.join(', ')}\n(the password file is readable by its owner only: chown it to the user Mosquitto runs as)`,
      );
    }
    default:
      throw new Error(`devices: unknown command "${command}"\n\n${USAGE}`);
  }
}

const argv = process.argv.slice(2);
const json = argv.includes('--json');
const [command, ...args] = argv.filter((arg) => arg !== '--json');
if (!command || command === '--help' || command === '-h') {
  process.stdout.write(USAGE);
} else {
  try {
    const config = readConfig();
    const db = await openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir });
    try {
      await run(db, command, args, json);
    } finally {
      await db.close();
    }
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 1;
  }
}
