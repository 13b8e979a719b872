import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_GROUP, DEMO_PERSONAS } from '../../../sandbox/demo/seed';
import { lateWebChat, webChatHandler, type WebChatHandler, type WebChatHost } from '../../../sandbox/web/server';

const NOW = new Date('2026-03-09T01:00:00Z');
const NEXT_REMINDER = new Date('2026-03-10T01:00:00Z');
const NEXT_DEADLINE = new Date('2026-03-10T15:59:59Z');

/** A sandbox stand-in whose clock moves only when told to jump. */
function fakeHost(overrides: Partial<WebChatHost> = {}) {
  let now = NOW;
  const jumps: Date[] = [];
  const host: WebChatHost = {
    personas: DEMO_PERSONAS,
    group: DEMO_GROUP,
    clock: { now: () => now },
    async jumpTo(target) {
      jumps.push(target);
      now = target;
    },
    upcoming: () => ({
      nextReminder: now < NEXT_REMINDER ? NEXT_REMINDER : null,
      nextDeadline: now < NEXT_DEADLINE ? NEXT_DEADLINE : null,
    }),
    emulator: {
      commandsShown: (viewer) => [{ command: 'start', description: `for ${viewer.chatId}/${viewer.userId ?? '-'}` }],
      file: (fileId) => {
        if (fileId === 'doc-1') return { data: Buffer.from('a,b\n'), fileName: '进度 表.csv', mimeType: 'text/csv' };
        if (fileId === 'photo-1') return { data: Buffer.from('jpeg'), mimeType: 'image/jpeg' };
        return undefined;
      },
    },
    ...overrides,
  };
  return { host, jumps };
}

let server: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

async function serve(handler: WebChatHandler): Promise<string> {
  server = createServer((request, response) => void handler(request, response, new URL(request.url ?? '/', 'http://sandbox')));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}

const post = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

async function json(response: Response) {
  return { status: response.status, body: (await response.json()) as unknown };
}

describe('the web chat server', () => {
  it('serves the page at / and its files under /web/, and nothing outside public/', async () => {
    const root = await serve(webChatHandler(fakeHost().host));
    const page = await fetch(`${root}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('<script type="module" src="/web/app.js"></script>');
    const script = await fetch(`${root}/web/app.js`);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await fetch(`${root}/web/style.css`)).headers.get('content-type')).toBe('text/css; charset=utf-8');
    for (const path of ['/web/nothing.js', '/web/../server.ts', '/web/%2e%2e%2fserver.ts', '/server.ts', '/web/app.ts']) {
      expect((await fetch(`${root}${path}`)).status, path).toBe(404);
    }
    expect((await fetch(`${root}/`, { method: 'POST' })).status).toBe(404);
  });

  it('lists the demo people and the group with its members', async () => {
    const root = await serve(webChatHandler(fakeHost().host));
    const { body } = await json(await fetch(`${root}/sandbox/app/personas`));
    expect(body).toMatchObject({
      personas: expect.arrayContaining([
        { id: 2001, label: '联络员 李娜（政策法规处）', name: '李娜', role: 'liaison', languageCode: 'zh-hans', unit: '政策法规处' },
        {
          id: 2002,
          label: 'Liaison Chen Gang (信息管理处, English)',
          name: 'Gang Chen',
          role: 'liaison',
          languageCode: 'en',
          unit: '信息管理处',
        },
      ]),
      group: { id: DEMO_GROUP.id, title: DEMO_GROUP.title, members: DEMO_PERSONAS.map((p) => p.telegramId) },
    });
  });

  it('tells the time and what comes next, and jumps to a reminder, a deadline, a day later or an instant', async () => {
    const { host, jumps } = fakeHost();
    const root = await serve(webChatHandler(host));
    expect((await json(await fetch(`${root}/sandbox/app/clock`))).body).toEqual({
      now: NOW.toISOString(),
      nextReminder: NEXT_REMINDER.toISOString(),
      nextDeadline: NEXT_DEADLINE.toISOString(),
      zone: 'Asia/Shanghai',
    });
    expect((await json(await fetch(`${root}/sandbox/app/clock`, post({ to: 'next-reminder' })))).body).toMatchObject({
      now: NEXT_REMINDER.toISOString(),
    });
    expect((await json(await fetch(`${root}/sandbox/app/clock`, post({ to: 'next-deadline' })))).body).toEqual({
      now: NEXT_DEADLINE.toISOString(),
      nextReminder: null,
      nextDeadline: null,
      zone: 'Asia/Shanghai',
    });
    await fetch(`${root}/sandbox/app/clock`, post({ to: 'next-day' }));
    // A wall time typed in the page is sent with Beijing's offset.
    await fetch(`${root}/sandbox/app/clock`, post({ at: '2026-04-01T09:30+08:00' }));
    expect(jumps.map((date) => date.toISOString())).toEqual([
      NEXT_REMINDER.toISOString(),
      NEXT_DEADLINE.toISOString(),
      '2026-03-11T15:59:59.000Z',
      '2026-04-01T01:30:00.000Z',
    ]);
  });

  it('refuses a jump with nowhere to go, without a zone, or of an unknown kind', async () => {
    const { host, jumps } = fakeHost({ upcoming: () => ({ nextReminder: null, nextDeadline: null }) });
    const root = await serve(webChatHandler(host));
    expect(await json(await fetch(`${root}/sandbox/app/clock`, post({ to: 'next-reminder' })))).toEqual({
      status: 409,
      body: { error: 'there is no reminder ahead' },
    });
    expect((await fetch(`${root}/sandbox/app/clock`, post({ to: 'next-deadline' }))).status).toBe(409);
    expect((await fetch(`${root}/sandbox/app/clock`, post({ at: '2026-04-01T09:30' }))).status).toBe(400);
    expect((await fetch(`${root}/sandbox/app/clock`, post({ to: 'yesterday' }))).status).toBe(400);
    expect((await fetch(`${root}/sandbox/app/clock`, { method: 'POST', body: '[1]' })).status).toBe(400);
    expect(jumps).toEqual([]);
  });

  it('runs jumps one after another, each from where the last one ended', async () => {
    const order: string[] = [];
    const { host } = fakeHost();
    const jumpTo = host.jumpTo.bind(host);
    // The first jump (sending its reminders, say) lasts until the second request has come in.
    let secondArrived!: () => void;
    const gate = new Promise<void>((resolve) => (secondArrived = resolve));
    host.jumpTo = async (target) => {
      order.push(`start ${target.toISOString()}`);
      if (order.length === 1) await gate;
      await jumpTo(target);
      order.push(`end ${target.toISOString()}`);
    };
    const handler = webChatHandler(host);
    let requests = 0;
    const root = await serve((request, response, url) => {
      if (++requests === 2) request.on('end', () => setImmediate(secondArrived));
      return handler(request, response, url);
    });
    await Promise.all([
      fetch(`${root}/sandbox/app/clock`, post({ to: 'next-day' })),
      fetch(`${root}/sandbox/app/clock`, post({ to: 'next-day' })),
    ]);
    expect(order).toEqual([
      'start 2026-03-10T01:00:00.000Z',
      'end 2026-03-10T01:00:00.000Z',
      'start 2026-03-11T01:00:00.000Z',
      'end 2026-03-11T01:00:00.000Z',
    ]);
  });

  it('shows the command menu of a person in a chat', async () => {
    const root = await serve(webChatHandler(fakeHost().host));
    expect((await json(await fetch(`${root}/sandbox/app/commands?chat=${DEMO_GROUP.id}&user=1001`))).body).toEqual([
      { command: 'start', description: `for ${DEMO_GROUP.id}/1001` },
    ]);
    expect((await fetch(`${root}/sandbox/app/commands`)).status).toBe(400);
    expect((await fetch(`${root}/sandbox/app/commands?chat=x`)).status).toBe(400);
  });

  it('serves stored files: photos inline, documents as downloads under their name', async () => {
    const root = await serve(webChatHandler(fakeHost().host));
    const document = await fetch(`${root}/sandbox/app/files/doc-1`);
    expect(document.headers.get('content-type')).toBe('text/csv');
    expect(document.headers.get('content-disposition')).toBe("attachment; filename*=UTF-8''%E8%BF%9B%E5%BA%A6%20%E8%A1%A8.csv");
    expect(await document.text()).toBe('a,b\n');
    const photo = await fetch(`${root}/sandbox/app/files/photo-1`);
    expect(photo.headers.get('content-type')).toBe('image/jpeg');
    expect(photo.headers.get('content-disposition')).toBeNull();
    expect((await fetch(`${root}/sandbox/app/files/nothing`)).status).toBe(404);
    expect((await fetch(`${root}/sandbox/app/nowhere`)).status).toBe(404);
  });

  it('answers 503 until the sandbox it serves is bound', async () => {
    const late = lateWebChat();
    const root = await serve(late.fallback);
    expect((await fetch(`${root}/sandbox/app/clock`)).status).toBe(503);
    late.bind(fakeHost().host);
    expect((await json(await fetch(`${root}/sandbox/app/clock`))).body).toMatchObject({ now: NOW.toISOString() });
  });
});
