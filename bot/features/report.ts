/**
 * /report: a liaison reports progress on one requirement, in a conversation —
 *   pick the requirement (buttons, paged, most urgent first) → status → a short note →
 *   the count toward its quota, if it has one → evidence (photos, documents) → confirm.
 * Saved as the report of the period a report made now belongs to, on time or late by the
 * plan's clock. A reminder's "report" button enters the same conversation with the
 * requirement chosen.
 *
 * The conversations plugin replays this function on every update, so everything that reads
 * the database or the clock goes through `conversation.external`. Its state is kept in
 * SQLite (bot/conversation-storage.ts): a restart resumes the conversation. `/cancel` leaves
 * it at any step; another command leaves it and runs; a conversation left alone for 30
 * minutes (on the bot's clock) is cancelled when the person next writes.
 */
import { archiveEvidence } from '../report/archive';
import { Composer, InlineKeyboard } from 'grammy';
import { createConversation, type Conversation } from '@grammyjs/conversations';
import { DateTime } from 'luxon';
import type { BaseContext, BotContext } from '../context';
import { circled, escapeHtml, formatDay, truncate } from '../../core/format';
import { loadIdentity } from '../../db/identity';
import { localeOfContext } from '../i18n';
import { evidenceCount, evidenceOfReport } from '../../db/evidence';
import { outboxRow } from '../../db/outbox-rows';
import { reportsOfUnit, requirementsOfUnit } from '../../schedules/unit-requirements';
import { PLAN_ZONE } from '../../plans/due-dates';
import { reportClosed } from '../../schedules/circular';
import { reminderButtons } from '../../schedules/reminder-callbacks';
import { reportChoices, type ReportChoice } from '../report/choices';
import { eventsOfUnitRequirement, liveRequirementsOfUnit, reportedPeriodKeys } from '../../schedules/report-list-reads';
import { eventPeriod } from '../../schedules/periods';
import { readCount } from '../report/count';
import { MAX_RATIO } from '../../schedules/ratio-targets';
import { quotasDone } from '../../schedules/quota-reads';
import { quotaWindow, type QuotaWindow } from '../../schedules/quota-window';
import { createHash, randomUUID } from 'node:crypto';
import { saveReport, type EvidenceFile, type ReportStatus } from '../report/save';
import { guardConversation } from '../conversation-failed';
import { formatPeriodKey, parsePeriodKey } from '../../core/period-key';
import { allow } from '../guards';
import { REPORT_STATUSES } from '../../core/report-status';
import { callbackData } from '../../core/callback-data';

export const REPORT_CONVERSATION = 'report';
/** A conversation left this long (on the bot's clock) is cancelled at the person's next message. */
export const REPORT_IDLE_MS = 30 * 60_000;
export const CHOICES_PER_PAGE = 6;
export const MAX_NOTE_LENGTH = 500;
export const MAX_EVIDENCE_FILES = 10;
/** A task's title in the conversation's messages: whole for any real title, cut for a 3,900-character one (the note and the rest must fit in 4,096). */
export const TITLE_SHOWN = 300;
/** Telegram lets a bot download files up to 20 MB. */
export const MAX_EVIDENCE_MB = 20;
const EVIDENCE_EXTENSIONS = /\.(pdf|docx?|xlsx?|pptx?|wps|et|dps|ofd|txt|csv|jpe?g|png|gif|webp|heic|bmp|tiff?|zip|rar|7z)$/i;
const STATUSES = REPORT_STATUSES;

/** Every button of the /report conversation starts so: a press of another message's button is let through. */
const REPORT_PREFIX = 'rp:';

/** The /report conversation's buttons. */
const reportButtons = {
  pick: callbackData('rp:pick', { index: 'int' }),
  page: callbackData('rp:page', { page: 'int' }),
  status: callbackData('rp:st', { status: REPORT_STATUSES }),
  cancel: 'rp:x',
  keep: 'rp:keep',
  skip: 'rp:skip',
  done: 'rp:done',
  ok: 'rp:ok',
} as const;

/** What a conversation is entered with: nothing (pick from the list), or a requirement of a unit. */
export interface ReportPreset {
  requirementId: number;
  unitId: number;
  /**
   * The period to report for. From a reminder's 📝 button: the period of that message (an overdue
   * notice for March reports March, even in April). For /edit: the period of the report being
   * changed, which must still be the one open now.
   */
  period?: string;
  /** The period's due moment (epoch ms), with `period` from a reminder. */
  dueAt?: number | null;
  /** /edit: change the report already made for `period`. */
  edit?: boolean;
}

/** The report being changed by /edit, as plain data. */
interface Existing {
  status: ReportStatus;
  note: string | null;
  count: number | null;
  evidence: number;
  /** Whether its count is among the quota's "reported so far" (made within the quota's window). */
  countedInDone: boolean;
}

type ReportConversation = Conversation<BotContext, BaseContext>;

/** A choice as plain data, so it can cross `conversation.external` (which stores results as JSON). */
interface Choice {
  requirementId: number;
  unitId: number;
  unitName: string;
  item: string;
  title: string;
  periodKey: string | null;
  dueAt: number | null;
  periodLabel: string;
  due: string;
  reported: boolean;
  /** For a ratio target (公示率达到100%), `done` is the latest ratio reported (percent), or null. */
  quota: { target: number; unit: string; period: 'year' | 'month' | 'once'; kind: 'count' | 'ratio'; done: number | null } | null;
  eventDays: string | null;
  /** The proof the plan asks for (会议纪要、活动照片), asked for by name; null when it names none. */
  evidence: string | null;
  /** The indicator's points in an assessment plan (judged on proof); null without points. */
  points: number | null;
}

export function periodLabel(ctx: Pick<BaseContext, 't'>, key: string, due: DateTime): string {
  const period = parsePeriodKey(key);
  switch (period?.kind) {
    case 'month':
      return ctx.t('period-label-month', { year: String(period.year), month: String(period.month) });
    case 'quarter':
      return ctx.t('period-label-quarter', { year: String(period.year), quarter: String(period.quarter) });
    case 'week':
      return ctx.t('period-label-week', { year: String(period.weekYear), week: String(period.week) });
    case 'once':
      return ctx.t('period-label-once');
    default:
      return ctx.t('period-label-event', { date: due.toISODate() ?? '' });
  }
}

/**
 * The words of a list's periods, each distinct one worked out once: a due day ("3月10日（周二）")
 * and a period's label ("2026年3月"). A list has a few distinct due days and periods among its
 * dozens of choices, and per choice these were most of what an update of /report cost.
 */
function periodWords(ctx: BaseContext, now: Date) {
  const locale = localeOfContext(ctx);
  const days = new Map<number, string>();
  const dayOf = (due: DateTime) => {
    const ms = due.toMillis();
    let day = days.get(ms);
    if (day === undefined) days.set(ms, (day = formatDay(due, locale)));
    return day;
  };
  const labels = new Map<string, string>();
  let nowInZone: DateTime | null = null;
  const labelOf = (key: string, due: DateTime | null) => {
    // An event's label names its day (its due day, else today's); every other period's is its key's alone.
    const kind = parsePeriodKey(key)?.kind;
    const cacheKey = kind === undefined || kind === 'event' ? `${key}|${due?.toMillis() ?? 'now'}` : key;
    let label = labels.get(cacheKey);
    if (label === undefined) {
      const at = due ?? (nowInZone ??= DateTime.fromJSDate(now, { zone: PLAN_ZONE }));
      labels.set(cacheKey, (label = periodLabel(ctx, key, at)));
    }
    return label;
  };
  return { dayOf, labelOf };
}

/**
 * The choices as plain data. A list has a few distinct due days, period labels and quota windows
 * among its dozens of choices: each is worked out once (a luxon format, a translation, a window),
 * and where the liaison stands on every quota is one read (schedules/quota-reads.ts). Per choice
 * they were most of what an update of /report cost (issue 17, bench scenario `reports`).
 */
function toChoices(ctx: BaseContext, choices: readonly ReportChoice[], now: Date): Choice[] {
  const { dayOf, labelOf } = periodWords(ctx, now);
  const windows = new Map<string, QuotaWindow>();
  const windowOf = (requirement: ReportChoice['requirement']) => {
    const quota = requirement.quota!;
    const key = `${quota.period}|${requirement.facts.year ?? ''}|${requirement.facts.endsOn ?? ''}`;
    let window = windows.get(key);
    if (window === undefined) windows.set(key, (window = quotaWindow(quota.period, now, requirement.facts)));
    return window;
  };
  const withQuota = choices.filter((c) => c.requirement.quota !== null);
  const done = quotasDone(
    ctx.deps.db,
    withQuota.map((c) => ({
      requirementId: c.requirement.requirementId,
      unitId: c.unit.id,
      kind: c.requirement.quota!.kind,
      window: windowOf(c.requirement),
    })),
  );
  const doneOf = new Map(withQuota.map((c, i) => [c, done[i] ?? null]));
  return choices.map((choice) => {
    const r = choice.requirement;
    const rule = r.rule;
    return {
      requirementId: r.requirementId,
      unitId: choice.unit.id,
      unitName: choice.unit.name,
      item: `${r.taskNumber}${circled(r.index)}`,
      title: r.taskTitle,
      periodKey: choice.period?.key ?? null,
      dueAt: choice.period?.due?.toMillis() ?? null,
      periodLabel: choice.period ? labelOf(choice.period.key, choice.period.due) : '',
      due: choice.period?.due ? dayOf(choice.period.due) : '',
      reported: choice.reported,
      evidence: r.evidence,
      points: r.points,
      quota: r.quota
        ? {
            target: r.quota.target,
            unit: r.quota.unitLabel,
            period: r.quota.period,
            kind: r.quota.kind,
            done: doneOf.get(choice) ?? null,
          }
        : null,
      eventDays: rule?.kind === 'relative' ? r.deadlineText : null,
    };
  });
}

/**
 * The requirement's choice open now for one of the liaison's units (of `period`, when given),
 * as the /report list has it: the unit's list alone is worked out.
 */
function openChoice(ctx: BaseContext, unitId: number, requirementId: number, period?: string): ReportChoice | undefined {
  const identity = loadIdentity(ctx.deps.db, ctx.from?.id ?? 0, ctx.deps.config.admins);
  const units = identity.liaisonUnits.filter((u) => u.id === unitId);
  return reportChoices(ctx.deps.db, units, ctx.deps.clock.now(), ctx.deps.calendar()).find(
    (c) => c.requirement.requirementId === requirementId && (period === undefined || c.period?.key === period),
  );
}

/** Which choice a button or a preset stands for: a requirement of a unit, for a period (null: a new event). */
interface ChoiceKey {
  requirementId: number;
  unitId: number;
  periodKey: string | null;
  dueAt: number | null;
}

/**
 * A button of the pick list: what it says and which choice it stands for. The conversation keeps
 * the list in its replay log, which is read and replayed on every later update of the person
 * until the report is saved; so it keeps the buttons, not the choices (a choice's title can run
 * to thousands of characters, and its quota and proof are needed only once picked).
 */
interface PickButton {
  label: string;
  key: ChoiceKey;
}

/** The liaison's pick list now, most urgent first: the /report list's buttons. */
function loadPickList(ctx: BaseContext): PickButton[] {
  const now = ctx.deps.clock.now();
  const identity = loadIdentity(ctx.deps.db, ctx.from?.id ?? 0, ctx.deps.config.admins);
  const choices = reportChoices(ctx.deps.db, identity.liaisonUnits, now, ctx.deps.calendar());
  const { dayOf, labelOf } = periodWords(ctx, now);
  // A liaison of two units has two "1② 部署…": the unit tells them apart.
  const severalUnits = new Set(choices.map((c) => c.unit.id)).size > 1;
  return choices.map(({ requirement: r, unit, period, reported }) => {
    const when = period === null ? ctx.t('report-new-event') : period.due ? dayOf(period.due) : labelOf(period.key, null);
    const of = severalUnits ? `${truncate(unit.name, 8)} · ` : '';
    return {
      label: `${reported ? '✓ ' : ''}${of}${r.taskNumber}${circled(r.index)} ${truncate(r.taskTitle, 10)} · ${when}`,
      key: { requirementId: r.requirementId, unitId: unit.id, periodKey: period?.key ?? null, dueAt: period?.due?.toMillis() ?? null },
    };
  });
}

/**
 * The choice a key stands for, worked out now: a requirement of one of the liaison's units, for
 * the key's period (which need not be the one open now: an overdue notice reports its own
 * period). Null when the unit is no longer theirs or the requirement no longer the unit's;
 * 'closed' when the period's circular is published (saveReport would refuse it): said before the
 * questions, not after them.
 */
function choiceOf(ctx: BaseContext, key: ChoiceKey): Choice | 'closed' | null {
  const now = ctx.deps.clock.now();
  const identity = loadIdentity(ctx.deps.db, ctx.from?.id ?? 0, ctx.deps.config.admins);
  const unit = identity.liaisonUnits.find((u) => u.id === key.unitId);
  if (!unit) return null;
  // The prepared reads the list is made with (schedules/report-list-reads.ts): this runs on the press of a pick.
  const requirement = liveRequirementsOfUnit(ctx.deps.db, unit.id).find((r) => r.requirementId === key.requirementId);
  if (!requirement) return null;
  const period =
    key.periodKey === null
      ? null
      : { key: key.periodKey, due: key.dueAt === null ? null : DateTime.fromMillis(key.dueAt, { zone: PLAN_ZONE }) };
  if (period && reportClosed(ctx.deps.db, requirement.planId, period.key, period.due?.toJSDate() ?? null)) return 'closed';
  const reported =
    period !== null &&
    reportedPeriodKeys(ctx.deps.db, unit.id, [requirement.requirementId]).has(`${requirement.requirementId}|${period.key}`);
  return toChoices(ctx, [{ requirement, unit, period, reported }], now)[0] ?? null;
}

/**
 * The choice a conversation entered with a preset is about: the requirement's period open now
 * (for /edit, only if it is the report's period), else, for a reminder's 📝 button, the period of
 * the message pressed, unless closed by a published circular. Null when there is none.
 */
function presetChoice(ctx: BaseContext, preset: ReportPreset): Choice | 'closed' | null {
  const open = openChoice(ctx, preset.unitId, preset.requirementId, preset.period);
  if (open) return toChoices(ctx, [open], ctx.deps.clock.now())[0] ?? null;
  // An edit of a period that is no longer the open one is closed for corrections.
  if (preset.period === undefined || preset.edit) return null;
  return choiceOf(ctx, {
    requirementId: preset.requirementId,
    unitId: preset.unitId,
    periodKey: preset.period,
    dueAt: preset.dueAt ?? null,
  });
}

/** The report /edit changes: what it says now, so the person sees what they are changing. */
function loadExisting(ctx: BaseContext, preset: ReportPreset): Existing | null {
  if (!preset.edit || preset.period === undefined) return null;
  const report = reportsOfUnit(ctx.deps.db, preset.unitId, [preset.requirementId]).get(`${preset.requirementId}|${preset.period}`);
  if (!report) return null;
  const files = evidenceCount(ctx.deps.db, report.id);
  const requirement = requirementsOfUnit(ctx.deps.db, preset.unitId).find((r) => r.requirementId === preset.requirementId);
  const window = requirement?.quota ? quotaWindow(requirement.quota.period, ctx.deps.clock.now(), requirement.facts) : null;
  const made = report.reportedAt.getTime();
  const countedInDone =
    window !== null && (window.from === null || made >= window.from.getTime()) && (window.to === null || made < window.to.getTime());
  return { status: report.status as ReportStatus, note: report.note, count: report.count, evidence: files, countedInDone };
}

class Cancelled extends Error {}

/**
 * When the person's last answer came (epoch ms, on the bot's clock), by conversation: the idle
 * timer. The conversation object is new on each replay, and the replay sets it again from the
 * logged clock readings, in order.
 */
const lastAnswerAt = new WeakMap<ReportConversation, number>();

/**
 * Waits for the next update of this person, handling what every step handles alike:
 * /cancel, another command, a button of some other message, and a conversation left idle.
 * One reading of the clock per update kept (each is in the replay log, replayed on every later
 * update): it both checks the idle timer and restarts it.
 */
async function next(conversation: ReportConversation, ctx: BaseContext): Promise<BaseContext> {
  for (;;) {
    const update = await conversation.wait();
    const now = await conversation.external((outer) => outer.deps.clock.now().getTime());
    if (now > (lastAnswerAt.get(conversation) ?? now) + REPORT_IDLE_MS) {
      await update.reply(ctx.t('report-timed-out'));
      // The message that found the conversation stale is handled as if there were none.
      await conversation.halt({ next: true });
    }
    // Updates forgotten below (skip) are rolled back with the replay: they do not restart the timer.
    lastAnswerAt.set(conversation, now);
    const text = update.message?.text ?? '';
    if (/^\/cancel(@\w+)?$/.test(text.trim())) throw new Cancelled();
    if (text.startsWith('/')) await conversation.halt({ next: true });
    const data = update.callbackQuery?.data;
    if (data !== undefined && !data.startsWith(REPORT_PREFIX)) {
      // A button of another message (a /tasks page, a reminder's "done"): let it work, keep waiting.
      await conversation.skip({ next: true });
    }
    return update;
  }
}

/**
 * Answers an update the current step cannot use (a stray text, a wrong button, a note too
 * long) and forgets it: the conversation goes back to waiting as if it had never come. So
 * stray messages neither grow the conversation's replay log (every update it keeps is replayed
 * on each later update) nor restart its idle timer. Never returns.
 */
async function dismiss(conversation: ReportConversation, answer: () => Promise<unknown>): Promise<never> {
  await answer();
  return (await conversation.skip({ next: false })) as never;
}

function nudge(conversation: ReportConversation, update: BaseContext, key: 'report-use-buttons' | 'report-use-text'): Promise<never> {
  return dismiss(conversation, () =>
    update.callbackQuery ? update.answerCallbackQuery({ text: update.t(key) }) : update.reply(update.t(key)),
  );
}

function pickKeyboard(ctx: BaseContext, list: PickButton[], page: number): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const [i, button] of list.slice(page * CHOICES_PER_PAGE, (page + 1) * CHOICES_PER_PAGE).entries()) {
    keyboard.text(button.label, reportButtons.pick.encode({ index: page * CHOICES_PER_PAGE + i })).row();
  }
  const pages = Math.ceil(list.length / CHOICES_PER_PAGE);
  if (page > 0) keyboard.text(ctx.t('tasks-prev'), reportButtons.page.encode({ page: page - 1 }));
  if (page < pages - 1) keyboard.text(ctx.t('tasks-next'), reportButtons.page.encode({ page: page + 1 }));
  return keyboard.row().text(ctx.t('report-button-cancel'), reportButtons.cancel);
}

/** The pick list's button the person pressed: which choice it stands for. */
async function pickRequirement(conversation: ReportConversation, ctx: BaseContext, list: PickButton[]): Promise<ChoiceKey> {
  let page = 0;
  const pages = Math.ceil(list.length / CHOICES_PER_PAGE);
  const prompt = await ctx.reply(ctx.t('report-pick', { page: page + 1, pages }), { reply_markup: pickKeyboard(ctx, list, page) });
  for (;;) {
    const update = await next(conversation, ctx);
    const data = update.callbackQuery?.data ?? '';
    if (data === reportButtons.cancel) throw new Cancelled();
    const turn = reportButtons.page.decode(data);
    if (turn) {
      const wanted = Math.min(turn.page, pages - 1);
      // A double tap asks for the page already shown: nothing to change, nothing to keep.
      if (wanted === page) await dismiss(conversation, () => update.answerCallbackQuery());
      page = wanted;
      await update.answerCallbackQuery();
      await update.api.editMessageText(prompt.chat.id, prompt.message_id, ctx.t('report-pick', { page: page + 1, pages }), {
        reply_markup: pickKeyboard(ctx, list, page),
      });
      continue;
    }
    const picked = reportButtons.pick.decode(data);
    const button = picked ? list[picked.index] : undefined;
    if (button) {
      await update.answerCallbackQuery();
      await update.api.editMessageReplyMarkup(prompt.chat.id, prompt.message_id).catch(() => undefined);
      return button.key;
    }
    await nudge(conversation, update, 'report-use-buttons');
  }
}

/** The choice the person picks from the list, worked out when pressed (choiceOf). */
async function pickChoice(conversation: ReportConversation, ctx: BaseContext, list: PickButton[]): Promise<Choice | 'closed' | null> {
  const key = await pickRequirement(conversation, ctx, list);
  return conversation.external((outer) => choiceOf(outer as unknown as BaseContext, key));
}

/** What /edit shows of the report being changed. */
function existingText(ctx: BaseContext, existing: Existing, choice: Choice): string {
  return ctx.t('edit-current', {
    status: ctx.t(`status-${existing.status}`),
    note: existing.note === null ? ctx.t('report-none') : escapeHtml(truncate(existing.note, 200)),
    count: existing.count === null ? ctx.t('report-none') : `${existing.count}${escapeHtml(choice.quota?.unit ?? '')}`,
    evidence: existing.evidence,
  });
}

async function askStatus(
  conversation: ReportConversation,
  ctx: BaseContext,
  choice: Choice,
  existing: Existing | null,
): Promise<ReportStatus> {
  const keyboard = new InlineKeyboard();
  STATUSES.forEach((status, i) => {
    keyboard.text(ctx.t(`status-${status}`), reportButtons.status.encode({ status }));
    if (i % 2 === 1) keyboard.row();
  });
  keyboard.text(ctx.t('report-button-cancel'), reportButtons.cancel);
  const vars = { item: escapeHtml(choice.item), title: escapeHtml(truncate(choice.title, TITLE_SHOWN)), unit: escapeHtml(choice.unitName) };
  const text =
    choice.periodKey === null
      ? ctx.t('report-ask-status-event', { ...vars, deadline: escapeHtml(choice.eventDays ?? '') })
      : ctx.t(choice.due ? 'report-ask-status' : 'report-ask-status-undated', {
          ...vars,
          period: escapeHtml(choice.periodLabel),
          due: choice.due,
        });
  await ctx.reply(existing ? `${existingText(ctx, existing, choice)}\n\n${text}` : text, { parse_mode: 'HTML', reply_markup: keyboard });
  for (;;) {
    const update = await next(conversation, ctx);
    const data = update.callbackQuery?.data ?? '';
    if (data === reportButtons.cancel) throw new Cancelled();
    const status = reportButtons.status.decode(data)?.status;
    if (status) {
      await update.answerCallbackQuery({ text: ctx.t(`status-${status}`) });
      return status;
    }
    await nudge(conversation, update, 'report-use-buttons');
  }
}

async function askNote(conversation: ReportConversation, ctx: BaseContext, current: string | null): Promise<string | null> {
  const keyboard = new InlineKeyboard();
  if (current !== null) keyboard.text(ctx.t('edit-button-keep'), reportButtons.keep);
  keyboard.text(ctx.t('report-button-skip'), reportButtons.skip).text(ctx.t('report-button-cancel'), reportButtons.cancel);
  await ctx.reply(ctx.t('report-ask-note', { max: MAX_NOTE_LENGTH }), { reply_markup: keyboard });
  for (;;) {
    const update = await next(conversation, ctx);
    const data = update.callbackQuery?.data;
    if (data === reportButtons.cancel) throw new Cancelled();
    if (data === reportButtons.keep && current !== null) {
      await update.answerCallbackQuery();
      return current;
    }
    if (data === reportButtons.skip) {
      await update.answerCallbackQuery();
      return null;
    }
    const text = update.message?.text?.trim();
    if (text) {
      const length = [...text].length;
      if (length <= MAX_NOTE_LENGTH) return text;
      await dismiss(conversation, () => update.reply(ctx.t('report-note-too-long', { length, max: MAX_NOTE_LENGTH })));
    }
    await nudge(conversation, update, 'report-use-text');
  }
}

async function askCount(conversation: ReportConversation, ctx: BaseContext, quota: NonNullable<Choice['quota']>): Promise<number> {
  const ratio = quota.kind === 'ratio';
  // A ratio is asked as a ratio: the one reached now, not a number added to the last (reports replace, never add).
  const prompt = ratio
    ? ctx.t(quota.done === null ? 'report-ask-ratio-first' : 'report-ask-ratio', {
        target: String(quota.target),
        done: String(quota.done ?? 0),
      })
    : ctx.t('report-ask-count', {
        unit: escapeHtml(quota.unit),
        target: String(quota.target),
        period: ctx.t(`period-${quota.period}`),
        done: String(quota.done ?? 0),
      });
  await ctx.reply(prompt, {
    parse_mode: 'HTML',
    reply_markup: new InlineKeyboard().text(ctx.t('report-button-cancel'), reportButtons.cancel),
  });
  for (;;) {
    const update = await next(conversation, ctx);
    if (update.callbackQuery?.data === reportButtons.cancel) throw new Cancelled();
    const text = update.message?.text;
    if (text === undefined) await nudge(conversation, update, 'report-use-text');
    const reading = readCount(text!, ratio ? '%' : quota.unit);
    if (reading.ok && ratio && reading.value > MAX_RATIO)
      await dismiss(conversation, () => update.reply(ctx.t('report-ratio-over', { max: MAX_RATIO })));
    if (reading.ok) return reading.value;
    const key =
      ratio && reading.reason !== 'negative'
        ? `report-ratio-${reading.reason === 'too-large' ? 'over' : reading.reason}`
        : `report-count-${reading.reason}`;
    await dismiss(conversation, () =>
      update.reply(ctx.t(key, { text: escapeHtml(truncate(text!, 20)), max: MAX_RATIO }), { parse_mode: 'HTML' }),
    );
  }
}

/** An evidence file from a message, or the reason it is refused. */
function evidenceOf(update: BaseContext): EvidenceFile | { refused: string } | null {
  const photo = update.message?.photo?.at(-1);
  if (photo) return { kind: 'photo', fileId: photo.file_id, fileUniqueId: photo.file_unique_id, size: photo.file_size };
  const document = update.message?.document;
  if (!document) return null;
  const name = document.file_name ?? '';
  if (document.file_size !== undefined && document.file_size > MAX_EVIDENCE_MB * 1024 * 1024) {
    return { refused: update.t('report-evidence-too-big', { size: (document.file_size / 1024 / 1024).toFixed(1), max: MAX_EVIDENCE_MB }) };
  }
  if (!EVIDENCE_EXTENSIONS.test(name)) return { refused: update.t('report-evidence-type', { name: escapeHtml(name || '?') }) };
  return {
    kind: 'document',
    fileId: document.file_id,
    fileUniqueId: document.file_unique_id,
    fileName: name,
    mimeType: document.mime_type,
    size: document.file_size,
  };
}

/** A link or a written note typed as proof (平台网址, 情况说明); null for no text, a refusal for one too long. */
function writtenEvidence(update: BaseContext): EvidenceFile | { refused: string } | null {
  const text = update.message?.text?.trim();
  if (!text) return null;
  const length = [...text].length;
  if (length > MAX_NOTE_LENGTH) return { refused: update.t('report-note-too-long', { length, max: MAX_NOTE_LENGTH }) };
  const kind = /^https?:\/\/\S+$/i.test(text) ? 'link' : 'note';
  // The same link or note twice is one piece of evidence, as the same file twice is.
  return { kind, fileUniqueId: `${kind}:${createHash('sha256').update(text).digest('hex').slice(0, 32)}`, text };
}

async function askEvidence(conversation: ReportConversation, ctx: BaseContext, wanted: string | null): Promise<EvidenceFile[]> {
  const files: EvidenceFile[] = [];
  const buttons = () =>
    new InlineKeyboard()
      .text(ctx.t(files.length > 0 ? 'report-button-done' : 'report-button-skip'), reportButtons.done)
      .text(ctx.t('report-button-cancel'), reportButtons.cancel);
  // The plan names its proof (考核要求: 会议纪要、活动照片): asked for by name.
  const ask = wanted
    ? ctx.t('report-ask-named-evidence', { evidence: escapeHtml(truncate(wanted, 200)), max: MAX_EVIDENCE_FILES })
    : ctx.t('report-ask-evidence', { max: MAX_EVIDENCE_FILES });
  await ctx.reply(ask, { parse_mode: 'HTML', reply_markup: buttons() });
  for (;;) {
    const update = await next(conversation, ctx);
    const data = update.callbackQuery?.data;
    if (data === reportButtons.cancel) throw new Cancelled();
    if (data === reportButtons.done) {
      await update.answerCallbackQuery();
      return files;
    }
    const file = evidenceOf(update) ?? writtenEvidence(update);
    if (file === null) await nudge(conversation, update, 'report-use-buttons');
    // A refusal names the file as sent, escaped: HTML.
    else if ('refused' in file) await dismiss(conversation, () => update.reply(file.refused, { parse_mode: 'HTML' }));
    else if (files.length >= MAX_EVIDENCE_FILES) {
      await dismiss(conversation, () =>
        update.reply(ctx.t('report-evidence-full', { max: MAX_EVIDENCE_FILES }), { reply_markup: buttons() }),
      );
    } else if (files.some((f) => f.fileUniqueId === file.fileUniqueId)) {
      // The same file sent twice is counted once; nothing to say.
      await conversation.skip({ next: false });
    } else {
      files.push(file);
      await update.reply(ctx.t('report-evidence-added', { n: files.length }), { reply_markup: buttons() });
    }
  }
}

export async function reportConversation(conversation: ReportConversation, ctx: BaseContext, preset?: ReportPreset): Promise<void> {
  try {
    // One reading at the start, kept in the replay log: the draft's id (a save repeated after a
    // crash recognises its own event, saveReport), the idle timer's start, and what to report
    // on: the preset's choice (and the report /edit changes), or the pick list.
    const start = await conversation.external((outer) => {
      const inner = outer as unknown as BaseContext;
      return {
        draftId: randomUUID(),
        at: outer.deps.clock.now().getTime(),
        preset: preset ? { choice: presetChoice(inner, preset), existing: loadExisting(inner, preset) } : null,
        list: preset ? [] : loadPickList(inner),
      };
    });
    const { draftId } = start;
    lastAnswerAt.set(conversation, start.at);
    if (!start.preset && start.list.length === 0) {
      await ctx.reply(ctx.t('report-nothing'));
      return;
    }
    const existing = start.preset?.existing ?? null;
    const choice = start.preset ? start.preset.choice : await pickChoice(conversation, ctx, start.list);
    if (choice === 'closed') {
      // The period's circular is published (a reminder of it, or since the list was shown).
      await ctx.reply(ctx.t('edit-closed'));
      return;
    }
    if (!choice) {
      // An edit of a period no longer the open one is closed for corrections; otherwise the unit
      // is no longer theirs, or the requirement no longer the unit's.
      await ctx.reply(ctx.t(preset?.edit ? 'edit-period-over' : 'common-not-allowed'));
      return;
    }
    const status = await askStatus(conversation, ctx, choice, existing);
    const note = await askNote(conversation, ctx, existing?.note ?? null);
    // The count already reported includes the report being changed: leave it out, or it counts twice.
    const quota =
      choice.quota && choice.quota.kind === 'count' && existing?.count && existing.countedInDone
        ? { ...choice.quota, done: Math.max(0, (choice.quota.done ?? 0) - existing.count) }
        : choice.quota;
    const count = quota ? await askCount(conversation, ctx, quota) : null;
    const evidence = await askEvidence(conversation, ctx, choice.evidence);
    const keptEvidence = existing?.evidence ?? 0;

    const summary = ctx.t('report-summary', {
      item: escapeHtml(choice.item),
      title: escapeHtml(truncate(choice.title, TITLE_SHOWN)),
      unit: escapeHtml(choice.unitName),
      period: escapeHtml(choice.periodLabel || ctx.t('report-new-event')),
      due: choice.due || '—',
      status: ctx.t(`status-${status}`),
      note: note === null ? ctx.t('report-none') : escapeHtml(note),
      count: count === null ? ctx.t('report-none') : `${count}${choice.quota!.kind === 'ratio' ? '%' : escapeHtml(choice.quota!.unit)}`,
      evidence:
        keptEvidence === 0
          ? String(evidence.length)
          : ctx.t('edit-evidence-kept', { total: keptEvidence + evidence.length, kept: keptEvidence }),
    });
    // Proof asked for and still missing: said before it is sent (leads see it in the summary too).
    const noProof = keptEvidence + evidence.length === 0;
    const missing = !noProof
      ? ''
      : choice.evidence
        ? `\n${ctx.t('report-summary-evidence-missing', { evidence: escapeHtml(truncate(choice.evidence, 200)) })}`
        : choice.points !== null
          ? `\n${ctx.t('report-summary-evidence-missing-points', { points: choice.points.toLocaleString(localeOfContext(ctx) === 'en' ? 'en-GB' : 'zh-CN', { maximumFractionDigits: 1 }) })}`
          : '';
    await ctx.reply(summary + missing, {
      parse_mode: 'HTML',
      reply_markup: new InlineKeyboard()
        .text(ctx.t('report-button-confirm'), reportButtons.ok)
        .text(ctx.t('report-button-cancel'), reportButtons.cancel),
    });
    let confirmed: BaseContext;
    for (;;) {
      confirmed = await next(conversation, ctx);
      const data = confirmed.callbackQuery?.data;
      if (data === reportButtons.cancel) throw new Cancelled();
      if (data === reportButtons.ok) break;
      await nudge(conversation, confirmed, 'report-use-buttons');
    }
    await confirmed.answerCallbackQuery();
    const saved = await conversation.external((outer) => {
      const identity = loadIdentity(outer.deps.db, outer.from?.id ?? 0, outer.deps.config.admins);
      // Roles may have changed while the person typed: check again at the moment of saving.
      if (!identity.liaisonUnits.some((u) => u.id === choice.unitId)) return null;
      return saveReport(
        outer.deps.db,
        {
          requirementId: choice.requirementId,
          unitId: choice.unitId,
          period: choice.periodKey,
          dueAt: choice.dueAt === null ? null : new Date(choice.dueAt),
          status,
          note,
          count,
          evidence,
          personId: identity.person?.id ?? null,
          draftId,
        },
        outer.deps.clock.now(),
      );
    });
    if (!saved) {
      await ctx.reply(ctx.t('common-not-allowed'));
      return;
    }
    if ('refused' in saved) {
      // The circular closed the period while the person typed (saveReport checks it for every path).
      await ctx.reply(ctx.t('edit-closed'));
      return;
    }
    const vars = {
      item: escapeHtml(choice.item),
      title: escapeHtml(truncate(choice.title, TITLE_SHOWN)),
      unit: escapeHtml(choice.unitName),
      period: escapeHtml(choice.periodLabel),
    };
    if (choice.periodKey === null) {
      const due = await conversation.external((outer) => {
        const dueAt = eventDue(outer as unknown as BaseContext, choice.unitId, choice.requirementId, saved.period);
        return dueAt === null
          ? ''
          : formatDay(DateTime.fromMillis(dueAt, { zone: PLAN_ZONE }), localeOfContext(outer as unknown as BaseContext));
      });
      await ctx.reply(ctx.t('report-saved-event', { ...vars, due }), { parse_mode: 'HTML' });
    } else {
      await ctx.reply(ctx.t(saved.late ? 'report-saved-late' : 'report-saved', vars), { parse_mode: 'HTML' });
    }
    if (evidence.length > 0) {
      // The files' bytes into the archive now, while their ids are fresh; a failure is retried by the scheduler.
      const failed = await conversation.external(async (outer) => {
        const outcomes = await archiveEvidence(outer.deps, outer.api, evidenceOfReport(outer.deps.db, saved.reportId));
        return outcomes.filter((o) => o.sha256 === null).map((o) => o.fileName ?? '');
      });
      if (failed.length > 0) {
        await ctx.reply(
          ctx.t('report-evidence-not-archived', {
            files: escapeHtml(failed.map((name) => name || ctx.t('report-evidence-photo')).join('、')),
            count: failed.length,
          }),
          { parse_mode: 'HTML' },
        );
      }
    }
  } catch (error) {
    if (!(error instanceof Cancelled)) throw error;
    await ctx.reply(ctx.t('report-cancelled'));
  }
}

/** The due moment of a just-recorded event's period, for the confirmation. */
function eventDue(ctx: BaseContext, unitId: number, requirementId: number, period: string): number | null {
  // Not from the /report list: once reported, the event is no longer the open one there.
  const rule = liveRequirementsOfUnit(ctx.deps.db, unitId).find((r) => r.requirementId === requirementId)?.rule;
  const event = eventsOfUnitRequirement(ctx.deps.db, unitId, requirementId).find(
    (e) => formatPeriodKey({ kind: 'event', eventId: e.id }) === period,
  );
  return rule?.kind === 'relative' && event ? eventPeriod(rule, event, ctx.deps.calendar()).due.toMillis() : null;
}

// ---------------------------------------------------------------------------- entry points

export const reportFeature = new Composer<BotContext>();
const privateChats = reportFeature.chatType('private');

privateChats.command('report', allow(['liaison'], 'report-not-liaison'), async (ctx) => {
  await ctx.conversation.enter(REPORT_CONVERSATION);
});

/** A reminder's "report" button: the conversation with that requirement chosen. */
privateChats.callbackQuery(reminderButtons.report.pattern, async (ctx) => {
  const row = outboxRow(ctx.deps.db, reminderButtons.report.decode(ctx.callbackQuery.data)!.outboxId);
  if (!row || row.requirementId === null || row.unitId === null || !ctx.identity.liaisonUnits.some((u) => u.id === row.unitId)) {
    return ctx.answerCallbackQuery({ text: ctx.t('common-not-allowed'), show_alert: true });
  }
  await ctx.answerCallbackQuery();
  // The period is the message's: an overdue notice for March reports March, not the month open now.
  const preset: ReportPreset = {
    requirementId: row.requirementId,
    unitId: row.unitId,
    ...(row.period === null ? {} : { period: row.period, dueAt: row.dueAt?.getTime() ?? null }),
  };
  await ctx.conversation.enter(REPORT_CONVERSATION, preset);
});

/** /cancel outside any conversation. */
reportFeature.command('cancel', (ctx) => ctx.reply(ctx.t('cancel-nothing')));

export function reportConversationMiddleware(plugins: Parameters<typeof createConversation<BotContext, BaseContext>>[1]) {
  return createConversation<BotContext, BaseContext>(guardConversation(REPORT_CONVERSATION, reportConversation), plugins);
}
