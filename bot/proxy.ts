/**
 * How Duban reaches Telegram: directly, or through the proxy the environment names
 * (HTTPS_PROXY / HTTP_PROXY / ALL_PROXY, minus NO_PROXY; app/config.ts reads them).
 *
 * grammY on Node calls the Bot API with node-fetch (grammy/out/shim.node.js), which takes an
 * http.Agent: `baseFetchConfig.agent`. File downloads go through node-fetch with the same agent,
 * so every byte to or from Telegram takes one route. The agents:
 * - an HTTP(S) proxy and an https: API root (Telegram's): a CONNECT tunnel (https-proxy-agent),
 *   TLS to Telegram inside it: the proxy sees the host name and port, never the token;
 * - an HTTP(S) proxy and an http: API root (a local Bot API server): plain forwarding
 *   (http-proxy-agent); the proxy sees each request, the token in its URL included;
 * - a SOCKS proxy (socks-proxy-agent): socks5:// and socks4:// resolve the host name here,
 *   socks5h:// and socks4a:// (and socks://) let the proxy resolve it.
 * Without a proxy nothing changes: grammY's own agent, and the global fetch for downloads.
 */
import { Agent as HttpsAgent } from 'node:https';
import type { Agent, ClientRequest } from 'node:http';
import nodeFetch from 'node-fetch';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { HttpProxyAgent } from 'http-proxy-agent';
import { SocksProxyAgent } from 'socks-proxy-agent';
import type { ApiClientOptions } from 'grammy';
import type { Config } from '../core/config';

/** What a file download needs of a response. */
export interface DownloadResponse {
  ok: boolean;
  status: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export interface TelegramTransport {
  /**
   * For every Api and Bot: `new Api(token, { apiRoot, baseFetchConfig })`,
   * `new Bot(token, { client: { apiRoot, baseFetchConfig } })`. Undefined: grammY's default.
   */
  baseFetchConfig: ApiClientOptions['baseFetchConfig'];
  /** GETs a URL under the API root (a file download) by the same route as the Bot API calls. */
  fetch(url: string): Promise<DownloadResponse>;
  /** The proxy in use, without its user name and password (for the log), or null. */
  proxy: string | null;
}

export interface TransportOptions {
  /** Certificates to trust for the API root's TLS besides the system's (tests' self-signed servers). */
  ca?: string | Buffer;
}

/** The proxy for calls to `apiRoot`, or null for a direct connection. */
export function proxyFor(apiRoot: string, proxy: Config['proxy']): string | null {
  const target = new URL(apiRoot);
  if (bypassesProxy(target, proxy.noProxy)) return null;
  const specific = target.protocol === 'https:' ? proxy.https : target.protocol === 'http:' ? proxy.http : undefined;
  return specific ?? proxy.all ?? null;
}

/**
 * NO_PROXY as curl reads it: names separated by commas (or spaces), each matching that host and
 * its subdomains (a leading `.` or `*.` is the same), an optional `:port`, `*` for every host.
 * IP addresses match exactly; CIDR ranges are not read.
 */
export function bypassesProxy(target: URL, noProxy: string): boolean {
  const host = target.hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  const port = target.port || (target.protocol === 'https:' ? '443' : '80');
  for (const raw of noProxy.split(/[,\s]+/).filter(Boolean)) {
    if (raw === '*') return true;
    const entry = /^\[([^\]]+)\](?::(\d+))?$/.exec(raw) ?? /^([^:]+)(?::(\d+))?$/.exec(raw) ?? [raw, raw, undefined];
    const name = entry[1]!.toLowerCase().replace(/^\*?\./, '');
    if (entry[2] !== undefined && entry[2] !== port) continue;
    if (host === name || host.endsWith(`.${name}`)) return true;
  }
  return false;
}

/**
 * https-proxy-agent uses its own options for the connection to the proxy only; the TLS inside
 * the tunnel takes the request's, which node-fetch never fills. Extra trusted certificates are
 * added there.
 */
class TunnelAgent extends HttpsProxyAgent<string> {
  constructor(
    proxy: string,
    options: { keepAlive: boolean; ca?: string | Buffer },
    private readonly ca: string | Buffer | undefined,
  ) {
    super(proxy, options);
  }

  override connect(request: ClientRequest, options: Parameters<HttpsProxyAgent<string>['connect']>[1]) {
    return super.connect(request, this.ca ? ({ ...options, ca: this.ca } as typeof options) : options);
  }
}

/** The agent for every connection to `apiRoot` through `proxy`. */
function proxyAgent(apiRoot: string, proxy: string, options: TransportOptions): Agent {
  const common = { keepAlive: true, ...(options.ca ? { ca: options.ca } : {}) };
  if (new URL(proxy).protocol.startsWith('socks')) return new SocksProxyAgent(proxy, common);
  return new URL(apiRoot).protocol === 'https:' ? new TunnelAgent(proxy, common, options.ca) : new HttpProxyAgent(proxy, common);
}

/** A URL fit for the log: no user name or password. */
export function withoutCredentials(url: string): string {
  const shown = new URL(url);
  shown.username = '';
  shown.password = '';
  return shown.href;
}

/** The route to Telegram (or the sandbox's emulator) for every Api, Bot and download. */
export function telegramTransport(config: Pick<Config, 'telegram' | 'proxy'>, options: TransportOptions = {}): TelegramTransport {
  const apiRoot = config.telegram.apiRoot;
  const proxy = proxyFor(apiRoot, config.proxy);
  const agent = proxy
    ? proxyAgent(apiRoot, proxy, options)
    : options.ca && apiRoot.startsWith('https:')
      ? new HttpsAgent({ keepAlive: true, ca: options.ca })
      : undefined;
  if (!agent) return { baseFetchConfig: undefined, fetch: (url) => fetch(url), proxy: null };
  return {
    baseFetchConfig: { agent },
    fetch: (url) => nodeFetch(url, { agent }),
    proxy: proxy ? withoutCredentials(proxy) : null,
  };
}
