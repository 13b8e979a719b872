import { describe, expect, it } from 'vitest';
import { ADMIN, LEAD, LIAISON, STRANGER, startE2E } from '../../support/e2e';
import { STRAY_REPLY_INTERVAL_MS } from '../../../bot/reply-throttle';

const NOT_ALLOWED = '您没有使用这个命令的权限。';
const NOT_LIAISON = /^只有单位联络员可以/;

/** Every command, what each role gets: 'ok' (a real answer), or the refusal. */
const MATRIX: Record<string, Record<'admin' | 'liaison' | 'lead' | 'stranger', 'ok' | RegExp | string>> = {
  '/plans': { admin: 'ok', liaison: NOT_ALLOWED, lead: NOT_ALLOWED, stranger: NOT_ALLOWED },
  '/units': { admin: 'ok', liaison: NOT_ALLOWED, lead: NOT_ALLOWED, stranger: NOT_ALLOWED },
  '/leads': { admin: 'ok', liaison: NOT_ALLOWED, lead: NOT_ALLOWED, stranger: NOT_ALLOWED },
  '/deadline': { admin: 'ok', liaison: NOT_ALLOWED, lead: NOT_ALLOWED, stranger: NOT_ALLOWED },
  '/policy': { admin: 'ok', liaison: NOT_ALLOWED, lead: NOT_ALLOWED, stranger: NOT_ALLOWED },
  '/calendar 2026': { admin: 'ok', liaison: NOT_ALLOWED, lead: NOT_ALLOWED, stranger: NOT_ALLOWED },
  '/invite 办公室': { admin: 'ok', liaison: NOT_ALLOWED, lead: NOT_ALLOWED, stranger: NOT_ALLOWED },
  '/invites': { admin: 'ok', liaison: NOT_ALLOWED, lead: NOT_ALLOWED, stranger: NOT_ALLOWED },
  '/revoke x': { admin: 'ok', liaison: NOT_ALLOWED, lead: NOT_ALLOWED, stranger: NOT_ALLOWED },
  '/import': { admin: 'ok', liaison: NOT_ALLOWED, lead: NOT_ALLOWED, stranger: NOT_ALLOWED },
  '/tasks': { admin: NOT_LIAISON, liaison: 'ok', lead: NOT_LIAISON, stranger: NOT_LIAISON },
  '/report': { admin: NOT_LIAISON, liaison: 'ok', lead: NOT_LIAISON, stranger: NOT_LIAISON },
  '/quota': { admin: NOT_LIAISON, liaison: 'ok', lead: NOT_LIAISON, stranger: NOT_LIAISON },
  '/edit': { admin: NOT_LIAISON, liaison: 'ok', lead: NOT_LIAISON, stranger: NOT_LIAISON },
};

const PEOPLE = { admin: ADMIN, liaison: LIAISON, lead: LEAD, stranger: STRANGER } as const;

describe('every command, checked for every role at the edge', () => {
  it('answers the right role and refuses the others, strangers included', async () => {
    const e2e = await startE2E();
    for (const [command, expected] of Object.entries(MATRIX)) {
      for (const [role, person] of Object.entries(PEOPLE) as [keyof typeof PEOPLE, number][]) {
        // A stranger is answered once per few minutes (bot/features/strangers.ts): each command here comes after that pause.
        if (role === 'stranger') e2e.clock.advance(STRAY_REPLY_INTERVAL_MS);
        const reply = (await e2e.as(person).send(command)).text ?? '';
        const want = expected[role];
        if (want === 'ok') {
          expect(reply, `${command} as ${role}`).not.toBe(NOT_ALLOWED);
          expect(reply, `${command} as ${role}`).not.toMatch(NOT_LIAISON);
        } else if (typeof want === 'string') {
          expect(reply, `${command} as ${role}`).toBe(want);
        } else {
          expect(reply, `${command} as ${role}`).toMatch(want);
        }
        if (role !== 'stranger') await e2e.as(person).send('/cancel'); // leave any conversation the command opened
      }
    }
    expect(e2e.errors).toEqual([]);
  }, 60_000);
});
