/**
 * /pack (issue 15 item 5): the inspection pack of a plan, sent in the chat to the admin who asks:
 * one folder per indicator, one per unit, the archived files with readable names, 索引.xlsx
 * (digests/pack). `/pack #N` packs plan N, live or archived; with several live plans and no
 * number the admin picks one (bot/plan-picker.ts). Admins only, in a private chat.
 *
 * Telegram takes files of at most 50 MB from a bot (TELEGRAM_UPLOAD_MB; a local Bot API server
 * takes more), so a larger pack goes out as volumes (第1卷, 第2卷 …), each a whole zip with the
 * whole index, whose 所在分卷 column says where each file is (digests/pack/parts.ts).
 *
 * The pack is made from a snapshot of the database (db/snapshot.ts), so reports saved meanwhile
 * do not mix into it, in a folder under the archive's tmp/ that is removed when done (and, after
 * a crash, when the bot starts: db/file-store.ts). The update stays in the inbox until the pack
 * is sent, so a crash half way sends it again after the restart. One pack is made at a time.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Composer, InputFile } from 'grammy';
import { DateTime } from 'luxon';
import type { BaseContext, BotContext } from '../context';
import { escapeHtml, truncate } from '../../core/format';
import { forPlan, installPlanPicker, planLabel, type PlanRef } from '../plan-picker';
import { openDatabaseReadOnly, type DB } from '../../db';
import { copyDatabase } from '../../db/snapshot';
import type { FileStore } from '../../db/file-store';
import { PLAN_ZONE } from '../../plans/due-dates';
import { safeFileName } from '../../digests/pack/names';
import { checkStoredFiles, planVolumes } from '../../digests/pack/volumes';
import type { PackSummary } from '../../digests/pack/write';
import { allow } from '../guards';

const MB = 1024 * 1024;
/**
 * A volume is planned to this share of the upload limit: the plan is an estimate (zip records,
 * the index), and the multipart form around the file counts against Telegram's limit too.
 */
const VOLUME_SHARE = 0.9;
/** A plan's title in a zip's name: its start. */
const TITLE_IN_NAME = 40;

/** Archives (one per bot) with a pack being made: a second /pack waits its turn by asking again. */
const busy = new WeakSet<FileStore>();

const megabytes = (bytes: number) => (bytes / MB).toFixed(1);

export const packFeature = new Composer<BotContext>();
const privateChats = packFeature.chatType('private');

privateChats.command('pack', allow(['admin']), (ctx) => {
  return forPlan(ctx, 'pack', ctx.match.trim().split(/\s+/).filter(Boolean), sendPack, { bare: true, archived: true });
});
installPlanPicker(privateChats, 'pack', sendPack);

async function sendPack(ctx: BaseContext, plan: PlanRef): Promise<unknown> {
  const { files } = ctx.deps;
  const name = escapeHtml(planLabel(ctx.t, plan));
  if (busy.has(files)) return ctx.reply(ctx.t('pack-busy'));
  busy.add(files);
  const folder = await mkdtemp(join(files.root, 'tmp', 'pack-'));
  try {
    await ctx.reply(ctx.t('pack-working', { plan: name }), { parse_mode: 'HTML' });
    const snapshot = join(folder, 'snapshot.sqlite');
    await copyDatabase(ctx.deps.db.$client, snapshot);
    const database = openDatabaseReadOnly(snapshot);
    try {
      return await sendVolumes(ctx, plan, database.db, folder);
    } finally {
      database.close();
    }
  } finally {
    busy.delete(files);
    await rm(folder, { recursive: true, force: true });
  }
}

async function sendVolumes(ctx: BaseContext, plan: PlanRef, db: DB, folder: string): Promise<unknown> {
  // Loaded at the first /pack: its index sheet needs exceljs, which start-up should not wait for.
  const { writePack } = await import('../../digests/pack/write');
  const { files, config } = ctx.deps;
  const limit = Math.floor(config.telegram.uploadMb * MB);
  const volumes = planVolumes(db, plan.id, Math.floor(limit * VOLUME_SHARE));
  if (!volumes.fits) return ctx.reply(ctx.t('pack-file-too-large', { limit: megabytes(limit) }));
  const several = volumes.count > 1;
  // With several volumes each index speaks of every file, so every file is checked before the first is written.
  const outcomes = several ? await checkStoredFiles(files.root, volumes.stored) : new Map();
  if (several) {
    await ctx.reply(ctx.t('pack-volumes', { count: volumes.count, size: megabytes(volumes.total), limit: megabytes(limit) }));
  }
  const now = ctx.deps.clock.now();
  const day = DateTime.fromJSDate(now, { zone: PLAN_ZONE }).toFormat('yyyyMMdd');
  const base = truncate(planLabel(ctx.t, plan), TITLE_IN_NAME).replace(/…$/, '');
  let last: PackSummary | undefined;
  let packed = 0;
  for (let number = 1; number <= volumes.count; number++) {
    const out = join(folder, `${number}.zip`);
    const volume = several ? { number, count: volumes.count, partOf: volumes.byPath, outcomes } : undefined;
    await ctx.replyWithChatAction('upload_document');
    last = await writePack(db, files.root, out, { planId: plan.id, now, volume });
    packed += last.files;
    if (last.zipBytes > limit)
      return ctx.reply(ctx.t('pack-volume-too-large', { size: megabytes(last.zipBytes), limit: megabytes(limit) }));
    const fileName = safeFileName(several ? `${base}-佐证材料-${day}-第${number}卷.zip` : `${base}-佐证材料-${day}.zip`);
    const caption = several
      ? ctx.t('pack-caption-volume', { plan: planLabel(ctx.t, plan), number, count: volumes.count, files: last.files })
      : ctx.t('pack-caption', { plan: planLabel(ctx.t, plan), files: last.files });
    await ctx.replyWithDocument(new InputFile(out, fileName), { caption: truncate(caption, 1024) });
    await rm(out, { force: true });
  }
  const summary = last!;
  const lines = [ctx.t('pack-done', { files: packed, assignments: summary.assignments, missing: summary.missingItems })];
  if (summary.missingFiles > 0) lines.push(ctx.t('pack-files-missing', { count: summary.missingFiles }));
  if (summary.damaged > 0) lines.push(ctx.t('pack-damaged', { count: summary.damaged }));
  return ctx.reply(lines.join('\n'));
}
