/**
 * Every call to Telegram through the configured proxy (bot/proxy.ts), against real proxies on
 * loopback (test/bot/proxy-servers.ts) in front of the sandbox's emulator:
 * - HTTPS_PROXY, an HTTP proxy, and an https: API root: the production path. The emulator sits
 *   behind a TLS terminator with a self-signed certificate for localhost, trusted through the
 *   transport's `ca`; the proxy sees CONNECT localhost:PORT and then only TLS.
 * - ALL_PROXY=socks5h:// (the proxy resolves the name) and socks5:// (resolved here).
 * - HTTP_PROXY and an http: API root (a local Bot API server): plain forwarding.
 * Each time grammY's getMe and sendMessage (the Api as app/main.ts builds every one) and a file
 * download (the transport's fetch, which create-bot's downloadFile uses) must arrive at the
 * emulator over connections the proxy opened, and none over any other.
 */
import { describe, expect, it, onTestFinished } from 'vitest';
import { Api } from 'grammy';
import type { Agent } from 'node:http';
import { startEmulator } from '../../sandbox/emulator';
import { readConfig } from '../../app/config';
import { bypassesProxy, proxyFor, telegramTransport, withoutCredentials, type TelegramTransport } from '../../bot/proxy';
import { startFront, startHttpProxy, startSocks5Proxy, TLS_CERT, type FrontServer } from './proxy-servers';

const USER = 4242;
const FILE = Buffer.from('督办 evidence file: a few bytes that must come back unchanged');

async function emulatorBehind(tls: boolean) {
  const emulator = await startEmulator({ users: [{ id: USER, firstName: 'Proxy', languageCode: 'en', hasStartedBots: true }] });
  onTestFinished(() => emulator.close());
  const front = await startFront(Number(new URL(emulator.apiRoot).port), { tls });
  return { emulator, front };
}

function closing(transport: TelegramTransport): TelegramTransport {
  onTestFinished(() => (transport.baseFetchConfig?.agent as Agent | undefined)?.destroy());
  return transport;
}

/** getMe, sendMessage and a download of a file a person sent, as the bot makes them. */
async function talk(emulator: Awaited<ReturnType<typeof startEmulator>>, apiRoot: string, transport: TelegramTransport) {
  const api = new Api(emulator.token, { apiRoot, baseFetchConfig: transport.baseFetchConfig });
  const me = await api.getMe();
  const sent = await api.sendMessage(USER, 'through the proxy');
  const document = emulator.sendDocument(USER, { fileName: 'evidence.bin', data: FILE }).document!;
  const file = await api.getFile(document.file_id);
  const response = await transport.fetch(`${apiRoot}/file/bot${emulator.token}/${file.file_path}`);
  expect(response.ok).toBe(true);
  const bytes = Buffer.from(await response.arrayBuffer());
  return { me, sent, bytes };
}

/** Every connection the emulator's front accepted came from the proxy. */
function allThroughProxy(front: FrontServer, onwardPorts: Set<number>): void {
  expect(front.peerPorts.length).toBeGreaterThan(0);
  expect(front.peerPorts.filter((port) => !onwardPorts.has(port))).toEqual([]);
}

describe('which proxy, read as curl reads the variables', () => {
  const proxies = (env: NodeJS.ProcessEnv) => readConfig(env).proxy;

  it('https_proxy for an https: API root, http_proxy for an http: one, all_proxy for either; lowercase before uppercase', () => {
    const env = { HTTPS_PROXY: 'http://upper:1', https_proxy: 'http://lower:2', HTTP_PROXY: 'http://plain:3', ALL_PROXY: 'socks5://all:4' };
    expect(proxyFor('https://api.telegram.org', proxies(env))).toBe('http://lower:2/');
    expect(proxyFor('http://127.0.0.1:8081', proxies(env))).toBe('http://plain:3/');
    expect(proxyFor('https://api.telegram.org', proxies({ ALL_PROXY: 'socks5h://all:4' }))).toBe('socks5h://all:4');
    expect(proxyFor('https://api.telegram.org', proxies({ HTTP_PROXY: 'http://plain:3' }))).toBeNull();
    expect(proxyFor('https://api.telegram.org', proxies({}))).toBeNull();
    // A bare host:port is an HTTP proxy.
    expect(proxyFor('https://api.telegram.org', proxies({ HTTPS_PROXY: 'proxy.example:3128' }))).toBe('http://proxy.example:3128/');
  });

  it('no_proxy: a host and its subdomains, an optional port, * for all', () => {
    const url = (s: string) => new URL(s);
    expect(bypassesProxy(url('https://api.telegram.org'), 'localhost, telegram.org')).toBe(true);
    expect(bypassesProxy(url('https://api.telegram.org'), '.telegram.org')).toBe(true);
    expect(bypassesProxy(url('https://api.telegram.org'), '*.telegram.org')).toBe(true);
    expect(bypassesProxy(url('https://api.telegram.org'), 'gram.org,api.telegram.org:8443')).toBe(false);
    expect(bypassesProxy(url('https://api.telegram.org'), 'api.telegram.org:443')).toBe(true);
    expect(bypassesProxy(url('http://127.0.0.1:8081'), '127.0.0.1')).toBe(true);
    expect(bypassesProxy(url('http://[::1]:8081'), '[::1]:8081')).toBe(true);
    expect(bypassesProxy(url('https://api.telegram.org'), '*')).toBe(true);
    expect(bypassesProxy(url('https://api.telegram.org'), '')).toBe(false);
    expect(proxyFor('https://api.telegram.org', readConfig({ HTTPS_PROXY: 'http://p:1', NO_PROXY: 'telegram.org' }).proxy)).toBeNull();
  });

  it('a proxy Duban cannot use is refused at start, naming the variable as it was spelled', () => {
    expect(() => readConfig({ https_proxy: 'ftp://proxy:21' })).toThrow(/https_proxy: ftp:\/\/ is not a proxy Duban can use/);
    expect(() => readConfig({ ALL_PROXY: 'http://' })).toThrow(/ALL_PROXY: is not a URL/);
  });

  it('the log shows a proxy without its password', () => {
    expect(withoutCredentials('http://user:secret@proxy:3128')).toBe('http://proxy:3128/');
    const transport = closing(telegramTransport(readConfig({ HTTPS_PROXY: 'http://user:secret@127.0.0.1:9' })));
    expect(transport.proxy).toBe('http://127.0.0.1:9/');
  });
});

describe('every call to Telegram goes through the proxy', () => {
  it('HTTPS_PROXY (an HTTP proxy) to an https: API root: CONNECT tunnels carry getMe, sendMessage and a file download; the proxy never sees the token', async () => {
    const { emulator, front } = await emulatorBehind(true);
    const proxy = await startHttpProxy();
    const apiRoot = `https://localhost:${front.port}`;
    const transport = closing(telegramTransport(readConfig({ TELEGRAM_API_ROOT: apiRoot, HTTPS_PROXY: proxy.url }), { ca: TLS_CERT }));
    expect(transport.proxy).toBe(`${proxy.url}/`);

    const { me, sent, bytes } = await talk(emulator, apiRoot, transport);
    expect(me.is_bot).toBe(true);
    expect(emulator.transcript(USER).some((m) => m.message_id === sent.message_id && m.text === 'through the proxy')).toBe(true);
    expect(bytes.equals(FILE)).toBe(true);

    expect(proxy.tunnels.length).toBeGreaterThan(0);
    expect(new Set(proxy.tunnels)).toEqual(new Set([`localhost:${front.port}`]));
    expect(proxy.forwarded).toEqual([]);
    allThroughProxy(front, proxy.onwardPorts);
  });

  it('NO_PROXY naming the host: the same calls go direct, and the proxy sees nothing (the check above can fail)', async () => {
    const { emulator, front } = await emulatorBehind(true);
    const proxy = await startHttpProxy();
    const apiRoot = `https://localhost:${front.port}`;
    const transport = closing(
      telegramTransport(readConfig({ TELEGRAM_API_ROOT: apiRoot, HTTPS_PROXY: proxy.url, NO_PROXY: 'localhost' }), { ca: TLS_CERT }),
    );
    expect(transport.proxy).toBeNull();
    const { bytes } = await talk(emulator, apiRoot, transport);
    expect(bytes.equals(FILE)).toBe(true);
    expect(proxy.tunnels).toEqual([]);
    expect(front.peerPorts.length).toBeGreaterThan(0);
    expect(front.peerPorts.some((port) => proxy.onwardPorts.has(port))).toBe(false);
  });

  it('ALL_PROXY=socks5h:// to an https: API root: the proxy is asked for the host name and carries every call', async () => {
    const { emulator, front } = await emulatorBehind(true);
    const proxy = await startSocks5Proxy();
    const apiRoot = `https://localhost:${front.port}`;
    const transport = closing(
      telegramTransport(readConfig({ TELEGRAM_API_ROOT: apiRoot, ALL_PROXY: proxy.url.replace('socks5:', 'socks5h:') }), { ca: TLS_CERT }),
    );
    const { me, bytes } = await talk(emulator, apiRoot, transport);
    expect(me.is_bot).toBe(true);
    expect(bytes.equals(FILE)).toBe(true);
    expect(emulator.botCalls({ method: 'sendMessage' })).toHaveLength(1);
    expect(proxy.requests.length).toBeGreaterThan(0);
    expect(proxy.requests.every((r) => r.type === 'domain' && r.host === 'localhost' && r.port === front.port)).toBe(true);
    allThroughProxy(front, proxy.onwardPorts);
  });

  it('all_proxy=socks5:// (the name resolved here) to an https: API root by address', async () => {
    const { emulator, front } = await emulatorBehind(true);
    const proxy = await startSocks5Proxy();
    const apiRoot = `https://127.0.0.1:${front.port}`;
    const transport = closing(telegramTransport(readConfig({ TELEGRAM_API_ROOT: apiRoot, all_proxy: proxy.url }), { ca: TLS_CERT }));
    const { bytes } = await talk(emulator, apiRoot, transport);
    expect(bytes.equals(FILE)).toBe(true);
    expect(proxy.requests.length).toBeGreaterThan(0);
    expect(proxy.requests.every((r) => r.type === 'ipv4' && r.host === '127.0.0.1' && r.port === front.port)).toBe(true);
    allThroughProxy(front, proxy.onwardPorts);
  });

  it('HTTP_PROXY to an http: API root (a local Bot API server): plain forwarding, each request seen by the proxy', async () => {
    const { emulator, front } = await emulatorBehind(false);
    const proxy = await startHttpProxy();
    const apiRoot = `http://127.0.0.1:${front.port}`;
    const transport = closing(telegramTransport(readConfig({ TELEGRAM_API_ROOT: apiRoot, HTTP_PROXY: proxy.url })));
    const { bytes } = await talk(emulator, apiRoot, transport);
    expect(bytes.equals(FILE)).toBe(true);
    expect(proxy.tunnels).toEqual([]);
    const paths = proxy.forwarded.map((url) => new URL(url).pathname.replace(emulator.token, '<token>'));
    expect(paths).toEqual(expect.arrayContaining(['/bot<token>/getMe', '/bot<token>/sendMessage', '/bot<token>/getFile']));
    expect(paths.some((path) => path.startsWith('/file/bot<token>/'))).toBe(true);
    allThroughProxy(front, proxy.onwardPorts);
  });
});
