/**
 * /remove (admins): ends a liaison's or a lead's service. A role at a time, since one person
 * may serve several units: `/remove 李娜 政策法规处`, `/remove 5005`, or `/remove` alone for
 * the list (paged, a button a role). Always through a confirmation; then, in one
 * transaction, the role is revoked (`roles.revoked_at`), the reminders still pending for it
 * are skipped (reason "removed": the dispatcher does not look at roles), and the change is
 * audited ('role.revoke'). The removed person is told once, in their language, and their
 * command menu shrinks. Access ends at once: identity is loaded per update without revoked
 * roles, a /report re-checks at save, and reminder buttons check the pressing liaison's units.
 */
import { Composer, InlineKeyboard } from 'grammy';
import type { BaseContext, BotContext } from '../context';
import { escapeHtml, truncate } from '../../core/format';
import { refreshPersonMenu } from '../commands';
import { heldRole, heldRoles, revokeRole, type HeldRole as Held } from '../../db/held-roles';
import { peopleNamed } from '../../db/people';
import { localeOfPerson } from '../../db/identity';
import { allow } from '../guards';
import { callbackData } from '../../core/callback-data';

export const removeFeature = new Composer<BotContext>();
const privateChats = removeFeature.chatType('private');

/** Roles on a page of the list: numbered buttons, 8 a row (5 rows), well under Telegram's 100 buttons. */
export const REMOVE_PAGE_SIZE = 40;
const BUTTONS_PER_ROW = 8;
const NAME_IN_LIST = 20;
const SCOPE_IN_LIST = 40;

/** The list's buttons: a role to remove (asks first), yes or no to that, and the list's pages. */
const removeButtons = {
  ask: callbackData('rm:a', { roleId: 'int' }),
  yes: callbackData('rm:y', { roleId: 'int' }),
  no: callbackData('rm:n', { roleId: 'int' }),
  page: callbackData('rm:p', { page: 'int' }),
};

function roleLabel(ctx: BaseContext, held: Pick<Held, 'role'>): string {
  return ctx.t(`invite-role-${held.role}`);
}

/** A page of roles with a numbered button each (`title` for a list narrowed to one person). */
function listPage(ctx: BaseContext, list: Held[], requestedPage: number, title?: string): { text: string; keyboard: InlineKeyboard } {
  const keyboard = new InlineKeyboard();
  if (list.length === 0) return { text: ctx.t('remove-list-none'), keyboard };
  const pages = Math.ceil(list.length / REMOVE_PAGE_SIZE);
  const page = Math.min(Math.max(requestedPage, 0), pages - 1);
  const lines = [
    title ??
      (pages > 1
        ? ctx.t('remove-list-title-paged', { count: list.length, page: page + 1, pages })
        : ctx.t('remove-list-title', { count: list.length })),
  ];
  const shown = list.slice(page * REMOVE_PAGE_SIZE, (page + 1) * REMOVE_PAGE_SIZE);
  shown.forEach((held, i) => {
    const n = page * REMOVE_PAGE_SIZE + i + 1;
    lines.push(
      ctx.t('remove-list-item', {
        n,
        name: escapeHtml(truncate(held.name, NAME_IN_LIST)),
        scope: escapeHtml(truncate(held.scope, SCOPE_IN_LIST)),
        role: roleLabel(ctx, held),
      }),
    );
    keyboard.text(String(n), removeButtons.ask.encode({ roleId: held.roleId }));
    if ((i + 1) % BUTTONS_PER_ROW === 0 || i === shown.length - 1) keyboard.row();
  });
  if (page > 0) keyboard.text(ctx.t('tasks-prev'), removeButtons.page.encode({ page: page - 1 }));
  if (page < pages - 1) keyboard.text(ctx.t('tasks-next'), removeButtons.page.encode({ page: page + 1 }));
  if (title === undefined) lines.push('', ctx.t('remove-usage'));
  return { text: lines.join('\n'), keyboard };
}

function confirmation(ctx: BaseContext, held: Held): { text: string; keyboard: InlineKeyboard } {
  return {
    text: ctx.t('remove-confirm', {
      name: escapeHtml(held.name),
      scope: escapeHtml(held.scope),
      role: roleLabel(ctx, held),
    }),
    keyboard: new InlineKeyboard()
      .text(ctx.t('remove-button-yes'), removeButtons.yes.encode({ roleId: held.roleId }))
      .text(ctx.t('remove-button-no'), removeButtons.no.encode({ roleId: held.roleId })),
  };
}

/** `NAME_OR_ID [UNIT]`: the whole text as a name first (names may hold spaces), then the last word as the unit. */
function rolesMatching(ctx: BaseContext, text: string): Held[] {
  const all = heldRoles(ctx.deps.db);
  const byWho = (who: string) => {
    const ids = new Set(peopleNamed(ctx.deps.db, who));
    return all.filter((h) => ids.has(h.personId));
  };
  const whole = byWho(text);
  if (whole.length > 0) return whole;
  const words = text.split(/\s+/);
  if (words.length < 2) return [];
  const unit = words.at(-1)!;
  return byWho(words.slice(0, -1).join(' ')).filter((h) => h.scope === unit);
}

privateChats.command('remove', allow(['admin']), async (ctx) => {
  const text = ctx.match.trim();
  if (text === '') {
    const { text: list, keyboard } = listPage(ctx, heldRoles(ctx.deps.db), 0);
    return ctx.reply(list, { parse_mode: 'HTML', reply_markup: keyboard });
  }
  const found = rolesMatching(ctx, text);
  if (found.length === 0) return ctx.reply(ctx.t('remove-not-found', { who: escapeHtml(text) }), { parse_mode: 'HTML' });
  if (found.length === 1) {
    const { text: ask, keyboard } = confirmation(ctx, found[0]!);
    return ctx.reply(ask, { parse_mode: 'HTML', reply_markup: keyboard });
  }
  const { text: list, keyboard } = listPage(ctx, found, 0, ctx.t('remove-several', { who: escapeHtml(text) }));
  return ctx.reply(list, { parse_mode: 'HTML', reply_markup: keyboard });
});

function refuse(ctx: BotContext) {
  return ctx.answerCallbackQuery({ text: ctx.t('common-not-allowed'), show_alert: true });
}

privateChats.callbackQuery(removeButtons.page.pattern, async (ctx) => {
  if (!ctx.identity.admin) return refuse(ctx);
  await ctx.answerCallbackQuery();
  const { text, keyboard } = listPage(ctx, heldRoles(ctx.deps.db), removeButtons.page.decode(ctx.callbackQuery.data)!.page);
  await ctx.editMessageText(text, { parse_mode: 'HTML', reply_markup: keyboard }).catch(() => undefined);
});

privateChats.callbackQuery(removeButtons.ask.pattern, async (ctx) => {
  if (!ctx.identity.admin) return refuse(ctx);
  const held = heldRole(ctx.deps.db, removeButtons.ask.decode(ctx.callbackQuery.data)!.roleId);
  if (!held) return ctx.answerCallbackQuery({ text: ctx.t('remove-already'), show_alert: true });
  await ctx.answerCallbackQuery();
  const { text, keyboard } = confirmation(ctx, held);
  await ctx.reply(text, { parse_mode: 'HTML', reply_markup: keyboard });
});

privateChats.callbackQuery(removeButtons.no.pattern, async (ctx) => {
  if (!ctx.identity.admin) return refuse(ctx);
  await ctx.answerCallbackQuery();
  await ctx.editMessageText(ctx.t('remove-cancelled')).catch(() => undefined);
});

privateChats.callbackQuery(removeButtons.yes.pattern, async (ctx) => {
  if (!ctx.identity.admin) return refuse(ctx);
  const { db, clock } = ctx.deps;
  const held = heldRole(db, removeButtons.yes.decode(ctx.callbackQuery.data)!.roleId);
  if (!held) {
    await ctx.answerCallbackQuery({ text: ctx.t('remove-already'), show_alert: true });
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    return;
  }
  const now = clock.now();
  const actor = { personId: ctx.identity.person?.id ?? null, label: ctx.identity.person?.name ?? String(ctx.from.id) };
  const revoked = revokeRole(db, held, { actor, now });
  if (!revoked) return ctx.answerCallbackQuery({ text: ctx.t('remove-already'), show_alert: true });
  await ctx.answerCallbackQuery();
  // Told once, in their own language; a person who blocked the bot is removed all the same.
  const locale = localeOfPerson(db, held.personId);
  const notice = ctx.deps.i18n.t(locale, held.role === 'liaison' ? 'remove-notice-liaison' : 'remove-notice-lead', {
    scope: escapeHtml(held.scope),
    role: ctx.deps.i18n.t(locale, `invite-role-${held.role}`),
  });
  const told = await ctx.api.sendMessage(held.chatId, notice, { parse_mode: 'HTML' }).then(
    () => true,
    () => false,
  );
  const args = { name: escapeHtml(held.name), scope: escapeHtml(held.scope), role: roleLabel(ctx, held) };
  await ctx.editMessageText(ctx.t(told ? 'remove-done' : 'remove-done-untold', args), { parse_mode: 'HTML' }).catch(() => undefined);
  await refreshPersonMenu(ctx.api, db, ctx.deps.i18n, ctx.deps.config.admins, held.telegramId, { clock });
});
