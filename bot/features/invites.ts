/**
 * Joining by invite. Admins create one-time links (/invite), list the unused ones with a
 * revoke button each (/invites, paged: a province's thousand units have a thousand invites) and
 * revoke them (/revoke CODE); the person who opens a link (/start <code>) is bound to its role
 * and greeted with their next deadlines.
 */
import { Composer, InlineKeyboard } from 'grammy';
import { DateTime } from 'luxon';
import type { BaseContext, BotContext } from '../context';
import { escapeHtml, formatDate, formatDay, truncate } from '../../core/format';
import { loadIdentity } from '../../db/identity';
import { localeOfContext } from '../i18n';
import { syncPersonMenu } from '../commands';
import { PLAN_ZONE } from '../../plans/due-dates';
import { reportChoices } from '../report/choices';
import { createInvite, INVITE_DAYS, openInvites, redeemInvite, revokeInvite, type Invite } from '../../db/invites';
import { findUnit, unitName } from '../../db/unit-names';
import { planById } from '../../db/plans';
import { forPlan, installPlanPicker, planLabel, readPlanChoice, type PlanRef } from '../plan-picker';
import { replyInParts } from '../../schedules/long-message';
import { TITLE_IN_REMINDER } from '../../schedules/notices/liaison-reminder';
import { allow } from '../guards';
import { actorOf } from '../audit';
import { callbackData } from '../../core/callback-data';

export const invitesFeature = new Composer<BotContext>();
const privateChats = invitesFeature.chatType('private');

/** /invites' buttons: revoke an invite (shown again on its page), and the list's pages. */
const inviteButtons = {
  revoke: callbackData('inv:x', { inviteId: 'int', page: 'int' }),
  /** Revoke buttons sent before the list had pages: the first page. */
  revokeFirstPage: callbackData('inv:x', { inviteId: 'int' }),
  page: callbackData('inv:p', { page: 'int' }),
};

const LEAD_WORDS = /^(领导|分管领导|lead)$/i;

/** Unused invites on a page of /invites, each with its revoke button. */
export const INVITES_PAGE_SIZE = 20;
/** A plan's title as an invite's scope in the list: its start is enough to tell invites apart. */
const SCOPE_IN_LIST = 60;

/** "政策法规处" for a unit role, the plan's title for a plan lead. */
function scopeOf(ctx: BaseContext, invite: Pick<Invite, 'unitId' | 'planId'>): string {
  const { db } = ctx.deps;
  if (invite.unitId !== null) return unitName(db, invite.unitId) ?? '';
  if (invite.planId !== null) {
    const plan = planById(db, invite.planId);
    return plan ? planLabel(ctx.t, plan) : '';
  }
  return '';
}

/** Creates the invite and answers with its link. */
function answerInvite(ctx: BaseContext, target: { role: 'liaison' | 'lead'; unitId: number | null; planId: number | null }) {
  const invite = createInvite(ctx.deps.db, target, { actor: actorOf(ctx), now: ctx.deps.clock.now() });
  const link = `https://t.me/${ctx.me.username}?start=${invite.code}`;
  return ctx.reply(
    ctx.t('invite-created', {
      role: ctx.t(`invite-role-${invite.role}`),
      scope: escapeHtml(scopeOf(ctx, invite)),
      days: INVITE_DAYS,
      link,
    }),
    { parse_mode: 'HTML', link_preview_options: { is_disabled: true } },
  );
}

/** /invite 领导 [#N]: a lead of a whole plan, the one chosen (bot/plan-picker.ts). */
const invitePlanLead = (ctx: BaseContext, plan: PlanRef) => answerInvite(ctx, { role: 'lead', unitId: null, planId: plan.id });

privateChats.command('invite', allow(['admin']), async (ctx) => {
  const words = ctx.match.trim().split(/\s+/).filter(Boolean);
  const lead = words.length > 0 && LEAD_WORDS.test(words[0]!);
  // `/invite 领导 #2`: a lead of plan 2 (a bare 2 could be a unit's name).
  if (lead && words.length === 2 && readPlanChoice(words.slice(1)).choice !== null) {
    return forPlan(ctx, 'invite', words.slice(1), invitePlanLead, { none: 'invite-no-plan', prefix: [words[0]!] });
  }
  const unitName = (lead ? words.slice(1) : words).join('');
  if (!lead && unitName === '') return ctx.reply(ctx.t('invite-usage'));
  if (unitName === '') return forPlan(ctx, 'invite', [], invitePlanLead, { none: 'invite-no-plan', prefix: [words[0]!] });
  const { unit, similar } = findUnit(ctx.deps.db, unitName);
  if (!unit) {
    const lines = [ctx.t('invite-no-unit', { name: escapeHtml(unitName) })];
    if (similar.length > 0) lines.push(ctx.t('invite-did-you-mean', { names: escapeHtml(similar.join('、')) }));
    return ctx.reply(lines.join('\n'), { parse_mode: 'HTML' });
  }
  return answerInvite(ctx, { role: lead ? 'lead' : 'liaison', unitId: unit.id, planId: null });
});
installPlanPicker(privateChats, 'invite', invitePlanLead);

/** A page of the unused invites, with a revoke button each and buttons to the pages beside it. */
function invitesList(ctx: BaseContext, requestedPage = 0): { text: string; keyboard: InlineKeyboard } {
  const now = ctx.deps.clock.now();
  const open = openInvites(ctx.deps.db, now);
  const keyboard = new InlineKeyboard();
  if (open.length === 0) return { text: ctx.t('invite-list-none'), keyboard };
  const locale = localeOfContext(ctx);
  const pages = Math.ceil(open.length / INVITES_PAGE_SIZE);
  const page = Math.min(Math.max(requestedPage, 0), pages - 1);
  const lines = [pages > 1 ? ctx.t('invite-list-title-paged', { count: open.length, page: page + 1, pages }) : ctx.t('invite-list-title')];
  for (const invite of open.slice(page * INVITES_PAGE_SIZE, (page + 1) * INVITES_PAGE_SIZE)) {
    lines.push(
      ctx.t('invite-list-item', {
        role: ctx.t(`invite-role-${invite.role}`),
        scope: escapeHtml(truncate(scopeOf(ctx, invite), SCOPE_IN_LIST)),
        expires: formatDate(DateTime.fromJSDate(invite.expiresAt, { zone: PLAN_ZONE }), locale),
        code: invite.code,
      }),
    );
    keyboard
      .text(ctx.t('invite-button-revoke', { code: invite.code.slice(0, 6) }), inviteButtons.revoke.encode({ inviteId: invite.id, page }))
      .row();
  }
  if (page > 0) keyboard.text(ctx.t('tasks-prev'), inviteButtons.page.encode({ page: page - 1 }));
  if (page < pages - 1) keyboard.text(ctx.t('tasks-next'), inviteButtons.page.encode({ page: page + 1 }));
  return { text: lines.join('\n'), keyboard };
}

privateChats.command('invites', allow(['admin']), (ctx) => {
  const { text, keyboard } = invitesList(ctx);
  return ctx.reply(text, { parse_mode: 'HTML', reply_markup: keyboard });
});

privateChats.command('revoke', allow(['admin']), (ctx) => {
  const code = ctx.match.trim();
  if (code === '') return ctx.reply(ctx.t('invite-revoke-usage'));
  const done = revokeInvite(ctx.deps.db, code, { actor: actorOf(ctx), now: ctx.deps.clock.now() });
  return ctx.reply(
    done ? ctx.t('invite-revoked', { code: escapeHtml(code) }) : ctx.t('invite-revoke-unknown', { code: escapeHtml(code) }),
    { parse_mode: 'HTML' },
  );
});

/** Shows another page of the list in the same message. */
async function showInvites(ctx: BaseContext, page: number): Promise<void> {
  const { text, keyboard } = invitesList(ctx, page);
  await ctx.editMessageText(text, { parse_mode: 'HTML', reply_markup: keyboard }).catch(() => undefined);
}

// A revoke button: the page it was on is shown again without the invite (buttons from before pages had none: the first page).
privateChats.callbackQuery([inviteButtons.revoke.pattern, inviteButtons.revokeFirstPage.pattern], allow(['admin']), async (ctx) => {
  const now = ctx.deps.clock.now();
  const pressed = inviteButtons.revoke.decode(ctx.callbackQuery.data) ?? {
    ...inviteButtons.revokeFirstPage.decode(ctx.callbackQuery.data)!,
    page: 0,
  };
  const invite = openInvites(ctx.deps.db, now).find((i) => i.id === pressed.inviteId);
  if (invite) revokeInvite(ctx.deps.db, invite.code, { actor: actorOf(ctx), now });
  await ctx.answerCallbackQuery({ text: invite ? ctx.t('invite-revoked', { code: invite.code }) : ctx.t('common-button-expired') });
  await showInvites(ctx, pressed.page);
});

privateChats.callbackQuery(inviteButtons.page.pattern, allow(['admin']), async (ctx) => {
  await ctx.answerCallbackQuery();
  await showInvites(ctx, inviteButtons.page.decode(ctx.callbackQuery.data)!.page);
});

/** /start <code>: the invite link opened. Runs before the plain /start greeting. */
privateChats.command('start', async (ctx, next) => {
  const code = ctx.match.trim();
  if (code === '') return next();
  const now = ctx.deps.clock.now();
  const redemption = redeemInvite(ctx.deps.db, code, ctx.from, now);
  if (redemption.outcome !== 'joined' && redemption.outcome !== 'already') {
    const key = { invalid: 'invite-invalid', used: 'invite-used', expired: 'invite-expired', revoked: 'invite-was-revoked' }[
      redemption.outcome
    ];
    return ctx.reply(ctx.t(key));
  }
  // The sender's identity changed with the role: load it again, and answer in their language.
  ctx.identity = loadIdentity(ctx.deps.db, ctx.from.id, ctx.deps.config.admins);
  await ctx.i18n.renegotiateLocale();
  await syncPersonMenu(ctx.api, ctx.deps.db, ctx.deps.i18n, ctx.deps.config.admins, ctx.from.id);
  const { invite } = redemption;
  const scope = escapeHtml(scopeOf(ctx, invite));
  if (redemption.outcome === 'already')
    return ctx.reply(ctx.t('invite-already', { role: ctx.t(`invite-role-${invite.role}`), scope }), { parse_mode: 'HTML' });
  const name = escapeHtml(ctx.identity.person?.name ?? '');
  const lines = [invite.role === 'liaison' ? ctx.t('start-liaison', { name, units: scope }) : ctx.t('start-lead', { name, scope })];
  if (invite.role === 'liaison' && invite.unitId !== null) {
    const unit = ctx.identity.liaisonUnits.filter((u) => u.id === invite.unitId);
    const next = reportChoices(ctx.deps.db, unit, now, ctx.deps.calendar())
      .filter((c) => !c.reported && c.period?.due)
      .slice(0, 3);
    if (next.length > 0) {
      lines.push('', ctx.t('invite-welcome-deadlines'));
      for (const choice of next) {
        const r = choice.requirement;
        lines.push(
          ctx.t('invite-welcome-deadline', {
            item: `${escapeHtml(r.taskNumber)}${String.fromCodePoint(0x2460 + r.index - 1)}`,
            // The start of the title, as in reminders: three items of any plan fit one greeting.
            title: escapeHtml(truncate(r.taskTitle, TITLE_IN_REMINDER)),
            due: formatDay(choice.period!.due!, localeOfContext(ctx)),
          }),
        );
      }
    }
    lines.push('', ctx.t('invite-welcome-more'));
  }
  await replyInParts(ctx, lines.join('\n'), { parse_mode: 'HTML' });
});
