// A byte-for-byte TCP <-> Unix-socket bridge, so a server running in its own network namespace
// (its fixed ports, such as the hard-coded metrics port 2112, stay private to it) is reachable
// from the host's 127.0.0.1. A Unix socket path lives in the file system, which both sides share.
//
//   inside  SOCKET PORT        (run in the namespace) SOCKET -> 127.0.0.1:PORT
//   outside PORTS_FILE NAME=SOCKET...  (on the host) 127.0.0.1:<free port> -> SOCKET, one per NAME;
//                                  writes {"NAME": port, ...} to PORTS_FILE once listening
import { rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';

function pipe(from: net.Socket, connect: () => net.Socket): void {
  const to = connect();
  from.pipe(to).pipe(from);
  const end = () => (from.destroy(), to.destroy());
  from.on('error', end);
  to.on('error', end);
  from.on('close', end);
  to.on('close', end);
}

function listen(server: net.Server, where: number | string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    if (typeof where === 'number') server.listen(where, '127.0.0.1', resolve);
    else server.listen(where, resolve);
  });
}

const [mode, ...args] = process.argv.slice(2);
if (mode === 'inside') {
  const [socket, port] = args as [string, string];
  rmSync(socket, { force: true });
  const server = net.createServer((c) =>
    pipe(c, () => net.connect({ host: '127.0.0.1', port: Number(port) })),
  );
  await listen(server, socket);
} else if (mode === 'outside') {
  const [portsFile, ...pairs] = args as [string, ...string[]];
  const ports: Record<string, number> = {};
  for (const pair of pairs) {
    const [name, socket] = pair.split('=') as [string, string];
    const server = net.createServer((c) => pipe(c, () => net.connect({ path: socket })));
    await listen(server, 0);
    ports[name] = (server.address() as net.AddressInfo).port;
  }
  writeFileSync(portsFile, JSON.stringify(ports));
} else {
  console.error('usage: bridge.ts inside SOCKET PORT | outside PORTS_FILE NAME=SOCKET...');
  process.exit(2);
}
