import net from 'node:net';
import { ConfigError, loadConfig, loadDotEnv } from '../config/config';
import { personaNames } from '../playground/playground-config';
import { startPlayground, waitForHttp } from '../playground/start-playground';
import { runCli } from './run-cli';

/**
 * `npm run playground -- <persona> [--port N]`: one more Agents Playground, signed in as another
 * demo person, against the server `npm start` is running — to try the bot as someone else without
 * restarting anything. Each runs in its own browser tab, on its own port, until Ctrl+C.
 */
export function parsePlaygroundArgs(args: string[]): { persona?: string; port?: number; error?: string } {
  const [persona, ...rest] = args;
  if (!persona || persona.startsWith('-')) return { error: `Ange vem du vill vara: ${personaNames().join(', ')}` };
  if (rest.length === 0) return { persona };
  const port = Number(rest[1]);
  if (rest[0] !== '--port' || rest.length !== 2 || !Number.isInteger(port) || port < 1 || port > 65535) return { error: `Okänt argument "${rest.join(' ')}" (bara --port <nummer>)` };
  return { persona, port };
}

/** The first port from `from` that nobody listens on. */
async function freePortFrom(from: number): Promise<number> {
  for (let port = from; port < from + 50; port++) {
    const free = await new Promise<boolean>((resolve) => {
      const probe = net.createServer().once('error', () => resolve(false));
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new ConfigError(`Ingen ledig port mellan ${from} och ${from + 49}; ange en med --port`);
}

async function main(): Promise<number> {
  loadDotEnv();
  const parsed = parsePlaygroundArgs(process.argv.slice(2));
  if (parsed.error) throw new ConfigError(parsed.error);
  const config = loadConfig();
  const server = `http://127.0.0.1:${config.port}`;
  const running = await fetch(`${server}/api/health`).then(
    (r) => r.status < 500,
    () => false,
  );
  if (!running) throw new ConfigError(`Servern svarar inte på ${server}. Starta den först med npm start (i ett annat fönster).`);
  const port = parsed.port ?? (await freePortFrom(config.playground.port + 1));
  const playground = startPlayground({ botEndpoint: `${server}/api/messages`, port, persona: parsed.persona!, dataDir: config.dataDir });
  await waitForHttp(playground.url, 30_000);
  console.log(`Chatt som ${parsed.persona}: ${playground.url}  (stäng med Ctrl+C)`);
  const stop = () => playground.process.kill('SIGTERM');
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return new Promise((resolve) => playground.process.once('exit', () => resolve(0)));
}

if (require.main === module) runCli(main);
