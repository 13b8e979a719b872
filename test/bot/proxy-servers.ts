/**
 * Real proxies for the tests, on loopback, written on node's net and http: an HTTP proxy
 * (CONNECT tunnels, and plain forwarding of absolute-URI requests), a SOCKS5 proxy (no
 * authentication, CONNECT, IPv4 / domain / IPv6 addresses), and the servers in front of the
 * sandbox's emulator (a TLS terminator with the self-signed localhost certificate of
 * fixtures/, or a plain TCP relay). Each records what passed: the proxies every target they
 * were asked for and the local port of every connection they opened onward; the front servers
 * the remote port of every connection they accepted. A request that went around the proxy shows
 * as a front connection from a port the proxy never used.
 *
 * Names are resolved as `resolve` says (default: localhost is 127.0.0.1), so a test can give the
 * bot a host name that only the proxy knows.
 */
import { createServer as createHttpServer, request as httpRequest, type Server as HttpServer } from 'node:http';
import { createServer as createNetServer, connect, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { readFileSync } from 'node:fs';
import { onTestFinished } from 'vitest';

export const TLS_CERT = readFileSync(new URL('./fixtures/localhost-cert.pem', import.meta.url), 'utf8');
const TLS_KEY = readFileSync(new URL('./fixtures/localhost-key.pem', import.meta.url), 'utf8');

type Resolve = (host: string) => string;
const loopback: Resolve = (host) => (host === 'localhost' ? '127.0.0.1' : host);

async function listen(server: Server | HttpServer): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  onTestFinished(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });
  return (server.address() as { port: number }).port;
}

/** Opens a connection onward and records its local port once connected. */
function onward(host: string, port: number, ports: Set<number>, onConnect: (socket: Socket) => void): Socket {
  const socket = connect(port, host, () => {
    ports.add(socket.localPort!);
    onConnect(socket);
  });
  return socket;
}

/** Relays both ways; either side ending or failing ends the other. */
function pipeBoth(a: Socket, b: Socket): void {
  a.on('error', () => b.destroy());
  b.on('error', () => a.destroy());
  a.on('close', () => b.destroy());
  b.on('close', () => a.destroy());
  a.pipe(b).pipe(a);
}

export interface HttpProxy {
  url: string;
  /** "host:port" of every CONNECT. */
  tunnels: string[];
  /** The absolute URL of every forwarded request (plain http:). */
  forwarded: string[];
  /** Local ports of every onward connection (tunnels and forwarded requests). */
  onwardPorts: Set<number>;
  /** Called after each tunnel or forwarded request is recorded. */
  onRequest?: () => void;
}

export async function startHttpProxy(resolve: Resolve = loopback): Promise<HttpProxy> {
  const proxy: HttpProxy = { url: '', tunnels: [], forwarded: [], onwardPorts: new Set() };
  const server = createHttpServer((request, response) => {
    // Plain forwarding: the request line names the absolute URL.
    proxy.forwarded.push(request.url!);
    proxy.onRequest?.();
    const target = new URL(request.url!);
    const onwardRequest = httpRequest(
      {
        host: resolve(target.hostname),
        port: Number(target.port || 80),
        method: request.method,
        path: target.pathname + target.search,
        headers: request.headers,
        agent: false,
      },
      (answer) => {
        response.writeHead(answer.statusCode!, answer.headers);
        answer.pipe(response);
      },
    );
    onwardRequest.on('socket', (socket) => socket.once('connect', () => proxy.onwardPorts.add(socket.localPort!)));
    onwardRequest.on('error', () => response.destroy());
    request.pipe(onwardRequest);
  });
  server.on('connect', (request, client: Socket, head: Buffer) => {
    proxy.tunnels.push(request.url!);
    proxy.onRequest?.();
    const [host, port] = splitHostPort(request.url!);
    const upstream = onward(resolve(host), port, proxy.onwardPorts, (socket) => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) socket.write(head);
      pipeBoth(client, socket);
    });
    upstream.on('error', () => client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n'));
  });
  proxy.url = `http://127.0.0.1:${await listen(server)}`;
  return proxy;
}

function splitHostPort(authority: string): [string, number] {
  const match = /^\[([^\]]+)\]:(\d+)$/.exec(authority) ?? /^([^:]+):(\d+)$/.exec(authority);
  if (!match) throw new Error(`bad CONNECT target ${authority}`);
  return [match[1]!, Number(match[2])];
}

export interface SocksProxy {
  url: string;
  /** Every CONNECT: the address as the client sent it, and its type. */
  requests: Array<{ host: string; port: number; type: 'ipv4' | 'domain' | 'ipv6' }>;
  onwardPorts: Set<number>;
}

/** Reads exactly `n` bytes from a socket that is paused between reads. */
function reader(socket: Socket): (n: number) => Promise<Buffer> {
  let buffered = Buffer.alloc(0);
  let waiting: { n: number; resolve: (b: Buffer) => void } | null = null;
  const settle = () => {
    if (waiting && buffered.length >= waiting.n) {
      const { n, resolve } = waiting;
      waiting = null;
      const out = buffered.subarray(0, n);
      buffered = buffered.subarray(n);
      resolve(out);
    }
  };
  const onData = (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    settle();
  };
  socket.on('data', onData);
  const read = (n: number) =>
    new Promise<Buffer>((resolve) => {
      waiting = { n, resolve };
      settle();
    });
  return Object.assign(read, {
    /** Stops reading; returns what came after the handshake. */
    detach: () => {
      socket.off('data', onData);
      return buffered;
    },
  });
}

export async function startSocks5Proxy(resolve: Resolve = loopback): Promise<SocksProxy> {
  const proxy: SocksProxy = { url: '', requests: [], onwardPorts: new Set() };
  const server = createNetServer((client) => {
    client.on('error', () => undefined);
    const read = reader(client) as ((n: number) => Promise<Buffer>) & { detach(): Buffer };
    void (async () => {
      const [version, methods] = await read(2);
      if (version !== 5) return client.destroy();
      await read(methods!);
      client.write(Buffer.from([5, 0])); // no authentication
      const [, command, , type] = await read(4);
      let host: string;
      let kind: 'ipv4' | 'domain' | 'ipv6';
      if (type === 1) {
        host = [...(await read(4))].join('.');
        kind = 'ipv4';
      } else if (type === 3) {
        host = (await read((await read(1))[0]!)).toString('latin1');
        kind = 'domain';
      } else {
        const raw = await read(16);
        host = Array.from({ length: 8 }, (_, i) => raw.readUInt16BE(i * 2).toString(16)).join(':');
        kind = 'ipv6';
      }
      const port = (await read(2)).readUInt16BE(0);
      proxy.requests.push({ host, port, type: kind });
      if (command !== 1) return client.end(Buffer.from([5, 7, 0, 1, 0, 0, 0, 0, 0, 0]));
      const upstream = onward(resolve(host), port, proxy.onwardPorts, (socket) => {
        client.write(Buffer.from([5, 0, 0, 1, 127, 0, 0, 1, (socket.localPort! >> 8) & 0xff, socket.localPort! & 0xff]));
        const early = read.detach();
        if (early.length > 0) socket.write(early);
        pipeBoth(client, socket);
      });
      upstream.on('error', () => client.end(Buffer.from([5, 5, 0, 1, 0, 0, 0, 0, 0, 0])));
    })();
  });
  proxy.url = `socks5://127.0.0.1:${await listen(server)}`;
  return proxy;
}

export interface FrontServer {
  port: number;
  /** Remote ports of every connection accepted. */
  peerPorts: number[];
}

/** A TLS terminator (the self-signed localhost certificate) or a plain TCP relay in front of 127.0.0.1:`targetPort`. */
export async function startFront(targetPort: number, options: { tls: boolean }): Promise<FrontServer> {
  const front: FrontServer = { port: 0, peerPorts: [] };
  const relay = (socket: Socket) => {
    front.peerPorts.push(socket.remotePort!);
    const upstream = connect(targetPort, '127.0.0.1');
    pipeBoth(socket, upstream);
  };
  // A TLS server hands its 'secureConnection' sockets decrypted; its 'connection' ones are the raw TCP.
  const server = options.tls ? createTlsServer({ key: TLS_KEY, cert: TLS_CERT }, relay) : createNetServer(relay);
  if (options.tls) server.on('tlsClientError', () => undefined);
  front.port = await listen(server);
  return front;
}
