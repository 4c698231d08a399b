// Runs `pnpm devices` (server/src/devices/main.ts) to its end, as an integrator would.
import { spawnWorkspaceProcess } from './workspace-process';

export interface IssuedCredential {
  username: string;
  password: string;
}

/** Runs one command; throws with its output when it fails. */
export async function runDevicesCli(args: string[], env: Record<string, string>): Promise<string> {
  const cli = spawnWorkspaceProcess('server/src/devices/main.ts', { LOG_LEVEL: 'warn', ...env }, args);
  const code = await cli.exited;
  if (code !== 0) throw new Error(`pnpm devices ${args.join(' ')} exited with ${code}:\n${cli.output()}`);
  return cli.output();
}

/** Issues a credential (issue, publisher or gateway) and returns it. */
export async function issueWithCli(args: string[], env: Record<string, string>): Promise<IssuedCredential> {
  const output = await runDevicesCli([...args, '--json'], env);
  const line = output.split('\n').find((candidate) => candidate.startsWith('{"username"'));
  if (!line) throw new Error(`pnpm devices ${args.join(' ')} printed no credential:\n${output}`);
  return JSON.parse(line) as IssuedCredential;
}
