import type http from 'node:http';
import type https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';

/**
 * Listens on a free loopback port and returns the port and a stop function that also cuts open
 * keep-alive connections, so a stand-in service stops at once when a test ends.
 */
export async function listenOnLoopback(server: http.Server | https.Server): Promise<{ port: number; stop(): Promise<void> }> {
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    async stop() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
