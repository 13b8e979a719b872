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
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { BaseContext, BotContext } from '../context';
import { escapeHtml, truncate } from '../../core/format';
import { refreshPersonMenu } from '../commands';
import { auditLog, outbox, people, plans, roles, units } from '../../db/schema';
import { isLiaisonKind } from '../../core/outbox-kind';
import { localeOfPerson } from '../../db/identity';
import { allow } from '../guards';

export const removeFeature = new Composer<BotContext>();
const privateChats = removeFeature.chatType('private');

/** Roles on a page of the list: numbered buttons, 8 a row (5 rows), well under Telegram's 100 buttons. */
export const REMOVE_PAGE_SIZE = 40;
const BUTTONS_PER_ROW = 8;
const NAME_IN_LIST = 20;
const SCOPE_IN_LIST = 40;

const CALLBACK_ASK = 'rm:a';
const CALLBACK_YES = 'rm:y';
const CALLBACK_NO = 'rm:n';
const CALLBACK_PAGE = 'rm:p';

interface Held {
  roleId: number;
  role: 'liaison' | 'lead';
  personId: number;
  telegramId: number;
  chatId: number;
  name: string;
  username: string | null;
  unitId: number | null;
  scope: string;
}

/** Liaison and lead roles still held, by unit (plan leads first), then by when they were given. */
function heldRoles(ctx: BaseContext, where?: ReturnType<typeof eq>): Held[] {
  const rows = ctx.deps.db
    .select({
      roleId: roles.id,
      role: roles.role,
      personId: people.id,
      telegramId: people.telegramId,
      chatId: people.chatId,
      name: people.name,
      username: people.username,
      unitId: roles.unitId,
      unitName: units.name,
      planTitle: plans.title,
    })
    .from(roles)
    .innerJoin(people, eq(people.id, roles.personId))
    .leftJoin(units, eq(units.id, roles.unitId))
    .leftJoin(plans, eq(plans.id, roles.planId))
    .where(and(inArray(roles.role, ['liaison', 'lead']), isNull(roles.revokedAt), where))
    .orderBy(roles.id)
    .all();
  return rows
    .map((r) => ({ ...r, role: r.role as 'liaison' | 'lead', scope: r.unitName ?? r.planTitle ?? '' }))
    .sort((a, b) => (a.unitId ?? 0) - (b.unitId ?? 0) || a.roleId - b.roleId);
}

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
    keyboard.text(String(n), `${CALLBACK_ASK}:${held.roleId}`);
    if ((i + 1) % BUTTONS_PER_ROW === 0 || i === shown.length - 1) keyboard.row();
  });
  if (page > 0) keyboard.text(ctx.t('tasks-prev'), `${CALLBACK_PAGE}:${page - 1}`);
  if (page < pages - 1) keyboard.text(ctx.t('tasks-next'), `${CALLBACK_PAGE}:${page + 1}`);
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
      .text(ctx.t('remove-button-yes'), `${CALLBACK_YES}:${held.roleId}`)
      .text(ctx.t('remove-button-no'), `${CALLBACK_NO}:${held.roleId}`),
  };
}

/** The people an argument names: a Telegram id, @username or the name they joined with. */
function peopleNamed(ctx: BaseContext, who: string): number[] {
  const { db } = ctx.deps;
  const select = db.select({ id: people.id }).from(people);
  if (/^\d+$/.test(who))
    return select
      .where(eq(people.telegramId, Number(who)))
      .all()
      .map((p) => p.id);
  if (who.startsWith('@'))
    return select
      .where(eq(people.username, who.slice(1)))
      .all()
      .map((p) => p.id);
  return select
    .where(eq(people.name, who))
    .all()
    .map((p) => p.id);
}

/** `NAME_OR_ID [UNIT]`: the whole text as a name first (names may hold spaces), then the last word as the unit. */
function rolesMatching(ctx: BaseContext, text: string): Held[] {
  const all = heldRoles(ctx);
  const byWho = (who: string) => {
    const ids = new Set(peopleNamed(ctx, who));
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
    const { text: list, keyboard } = listPage(ctx, heldRoles(ctx), 0);
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

privateChats.callbackQuery(new RegExp(`^${CALLBACK_PAGE}:(\\d+)$`), async (ctx) => {
  if (!ctx.identity.admin) return refuse(ctx);
  await ctx.answerCallbackQuery();
  const { text, keyboard } = listPage(ctx, heldRoles(ctx), Number(ctx.match[1]));
  await ctx.editMessageText(text, { parse_mode: 'HTML', reply_markup: keyboard }).catch(() => undefined);
});

privateChats.callbackQuery(new RegExp(`^${CALLBACK_ASK}:(\\d+)$`), async (ctx) => {
  if (!ctx.identity.admin) return refuse(ctx);
  const held = heldRoles(ctx, eq(roles.id, Number(ctx.match[1])))[0];
  if (!held) return ctx.answerCallbackQuery({ text: ctx.t('remove-already'), show_alert: true });
  await ctx.answerCallbackQuery();
  const { text, keyboard } = confirmation(ctx, held);
  await ctx.reply(text, { parse_mode: 'HTML', reply_markup: keyboard });
});

privateChats.callbackQuery(new RegExp(`^${CALLBACK_NO}:(\\d+)$`), async (ctx) => {
  if (!ctx.identity.admin) return refuse(ctx);
  await ctx.answerCallbackQuery();
  await ctx.editMessageText(ctx.t('remove-cancelled')).catch(() => undefined);
});

privateChats.callbackQuery(new RegExp(`^${CALLBACK_YES}:(\\d+)$`), async (ctx) => {
  if (!ctx.identity.admin) return refuse(ctx);
  const { db, clock } = ctx.deps;
  const held = heldRoles(ctx, eq(roles.id, Number(ctx.match[1])))[0];
  if (!held) {
    await ctx.answerCallbackQuery({ text: ctx.t('remove-already'), show_alert: true });
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    return;
  }
  const now = clock.now();
  const revoked = db.transaction((tx) => {
    // Guarded on revoked_at: two admins confirming at once revoke (and audit) once.
    const changed = tx
      .update(roles)
      .set({ revokedAt: now, updatedAt: now })
      .where(and(eq(roles.id, held.roleId), isNull(roles.revokedAt)))
      .run().changes;
    if (changed === 0) return false;
    // Reminders already planned go out unless skipped here: the dispatcher checks reachability and reports, not roles.
    const remaining = tx
      .select({ role: roles.role, unitId: roles.unitId })
      .from(roles)
      .where(and(eq(roles.personId, held.personId), isNull(roles.revokedAt)))
      .all();
    const pending = tx
      .select({ id: outbox.id, kind: outbox.kind, unitId: outbox.unitId })
      .from(outbox)
      .where(and(eq(outbox.personId, held.personId), eq(outbox.status, 'pending')))
      .all();
    const stillLead = remaining.some((r) => r.role === 'lead');
    const stillServes = (unitId: number | null) => remaining.some((r) => r.role === 'liaison' && r.unitId === unitId);
    const skip = pending
      .filter((row) =>
        isLiaisonKind(row.kind)
          ? held.role === 'liaison' && row.unitId === held.unitId && !stillServes(row.unitId)
          : held.role === 'lead' && !stillLead,
      )
      .map((row) => row.id);
    if (skip.length > 0)
      tx.update(outbox).set({ status: 'skipped', lastError: 'removed', updatedAt: now }).where(inArray(outbox.id, skip)).run();
    tx.insert(auditLog)
      .values({
        at: now,
        actorPersonId: ctx.identity.person?.id ?? null,
        actorLabel: ctx.identity.person?.name ?? String(ctx.from.id),
        action: 'role.revoke',
        subject: `role:${held.roleId}`,
        details: { person: held.name, telegramId: held.telegramId, role: held.role, scope: held.scope, remindersSkipped: skip.length },
      })
      .run();
    return true;
  });
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
