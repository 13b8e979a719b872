/**
 * Who may do what, checked at the edge: a command or button names the roles allowed, before
 * its handler runs. Anyone else is told so (a reply to a command, an alert on a button press)
 * and nothing else happens. Roles come from the identity loaded for every update
 * (db/identity.ts), so a role revoked since a button was sent no longer works on that button.
 */
import type { MiddlewareFn } from 'grammy';
import type { BotContext } from './context';
import { isLead, isLiaison, type Identity } from '../db/identity';

export type Role = 'admin' | 'lead' | 'liaison';

const HOLDS: Record<Role, (identity: Identity) => boolean> = {
  admin: (identity) => identity.admin,
  lead: isLead,
  liaison: isLiaison,
};

export function holdsAnyRole(identity: Identity, roles: readonly Role[]): boolean {
  return roles.some((role) => HOLDS[role](identity));
}

/**
 * Lets the update through to the handler only when the sender holds one of `roles`. `refusal`
 * is the locale key of what others are told (default: 你没有权限).
 */
export function allow(roles: readonly Role[], refusal = 'common-not-allowed'): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    if (holdsAnyRole(ctx.identity, roles)) return next();
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: ctx.t(refusal), show_alert: true });
    else await ctx.reply(ctx.t(refusal));
  };
}
