import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, projectRoot } from '../config/config';
import { DEMO_PEOPLE, demoPersonByPersona } from '../demo/demo-organisation';
import { playgroundConfigYaml } from './playground-config';

export interface PlaygroundOptions {
  botEndpoint: string;
  port: number;
  persona: string;
  dataDir: string;
}

export class UnknownPersonaError extends ConfigError {
  constructor(persona: string) {
    super(`Okänd persona "${persona}". Välj en av: ${DEMO_PEOPLE.map((p) => p.persona).join(', ')}`);
  }
}

/** Starts the Microsoft 365 Agents Playground (a local Teams-like chat client) against the bot. */
export function startPlayground(options: PlaygroundOptions): { process: ChildProcess; url: string } {
  const person = demoPersonByPersona(options.persona);
  if (!person) throw new UnknownPersonaError(options.persona);
  const dir = path.join(options.dataDir, 'playground');
  mkdirSync(dir, { recursive: true });
  const configPath = path.join(dir, `${person.persona}.yml`);
  writeFileSync(configPath, playgroundConfigYaml(person));

  const cli = path.join(projectRoot(), 'node_modules', '@microsoft', 'm365agentsplayground', 'cli.js');
  const child = spawn(
    process.execPath,
    [cli, '-e', options.botEndpoint, '-c', 'msteams', '-p', String(options.port), '--disable-telemetry'],
    {
      cwd: dir,
      env: {
        ...process.env,
        M365_AGENTS_PLAYGROUND_CONFIG_PATH: configPath,
        M365_AGENTS_PLAYGROUND_LOGFILE: path.join(dir, 'playground.log'),
        TEAMSAPPTESTER_BROWSER: 'none',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return { process: child, url: `http://localhost:${options.port}` };
}

/** Resolves when the Playground answers on its port, or rejects after `timeoutMs`. */
export async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} svarade inte inom ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
