/** The role check at the edge (bot/guards.ts): the handler runs for the roles named, and only for them. */
import { describe, expect, it } from 'vitest';
import { allow, holdsAnyRole } from '../../bot/guards';
import type { BotContext } from '../../bot/context';
import type { Identity } from '../../db/identity';

const nobody: Identity = { telegramId: 5, person: null, admin: false, liaisonUnits: [], leadUnits: [], leadPlans: [] };

function contextOf(identity: Identity, press: boolean) {
  const said: { reply?: string; alert?: { text: string; show_alert: boolean } } = {};
  const ctx = {
    identity,
    callbackQuery: press ? { id: '1', data: 'x' } : undefined,
    t: (key: string) => `«${key}»`,
    reply: async (text: string) => void (said.reply = text),
    answerCallbackQuery: async (answer: { text: string; show_alert: boolean }) => void (said.alert = answer),
  } as unknown as BotContext;
  return { ctx, said };
}

describe('allow', () => {
  it('runs the handler for a holder of a named role and tells anyone else, in the way they asked', async () => {
    const admin: Identity = { ...nobody, admin: true };
    let ran = 0;
    const next = async () => void ran++;

    const asAdmin = contextOf(admin, false);
    await allow(['admin'])(asAdmin.ctx, next);
    expect(ran).toBe(1);
    expect(asAdmin.said).toEqual({});

    const command = contextOf(nobody, false);
    await allow(['admin'])(command.ctx, next);
    expect(ran).toBe(1);
    expect(command.said.reply).toBe('«common-not-allowed»');

    const press = contextOf(nobody, true);
    await allow(['admin', 'lead'], 'summary-not-lead')(press.ctx, next);
    expect(ran).toBe(1);
    expect(press.said.alert).toEqual({ text: '«summary-not-lead»', show_alert: true });
  });

  it('reads the roles from the identity: an admin is no liaison; a liaison of a unit is, a lead of a plan is a lead', () => {
    const unit = { id: 3, name: '市营商局' };
    expect(holdsAnyRole({ ...nobody, admin: true }, ['liaison'])).toBe(false);
    expect(holdsAnyRole(nobody, ['admin', 'lead', 'liaison'])).toBe(false);
    expect(holdsAnyRole({ ...nobody, liaisonUnits: [unit] }, ['liaison'])).toBe(true);
    expect(holdsAnyRole({ ...nobody, liaisonUnits: [unit] }, ['admin', 'lead'])).toBe(false);
    expect(holdsAnyRole({ ...nobody, leadPlans: [{ id: 1, title: '2026年计划' }] }, ['admin', 'lead'])).toBe(true);
  });
});
