/**
 * Telegram's photo limits (at most 10 MB, width + height ≤ 10000, sides within 20 : 1; the
 * emulator refuses the rest with PHOTO_INVALID_DIMENSIONS or "too big for a photo") for the
 * weekly summary's charts: at a province's 1,000 units through the real dispatcher, and at
 * 10,000 units and 10,000 quotas behind pace, where a chart of a bar per unit would be far out
 * of bounds (the charts draw the worst rows and sum up the rest in one line).
 */
import { describe, expect, it } from 'vitest';
import { Api, InputFile } from 'grammy';
import { DateTime } from 'luxon';
import { startE2E } from '../support/e2e';
import { seedBigPlan, seedPerson } from '../support/big-plan';
import { PLAN_ZONE } from '../../plans/due-dates';
import { summaryCharts } from '../../digests/summary-charts';
import type { Summary } from '../../digests/summary';
import { pngSize } from './charts/picture';

const sh = (iso: string) => DateTime.fromISO(iso, { zone: PLAN_ZONE }).toJSDate();
const PROVINCE_LEAD = 800_001;

function expectWithinPhotoLimits(png: Buffer): void {
  const { width, height } = pngSize(png);
  expect(width + height).toBeLessThanOrEqual(10_000);
  expect(Math.max(width, height) / Math.min(width, height)).toBeLessThanOrEqual(20);
  expect(png.length).toBeLessThanOrEqual(10 * 1024 * 1024);
}

describe("the weekly summary's charts within Telegram's photo limits", () => {
  it('at 1,000 units: sent by the dispatcher after the text, every picture accepted', async () => {
    const e2e = await startE2E({ now: sh('2026-03-09T09:00'), seededAt: sh('2026-01-01T08:00'), shareClock: true });
    const plan = seedBigPlan(e2e.sqlite, { units: 1000, requirements: 5000 });
    e2e.emulator.createUser({ id: PROVINCE_LEAD, firstName: '省领导', languageCode: 'zh-hans', hasStartedBots: true });
    seedPerson(e2e.sqlite, { telegramId: PROVINCE_LEAD, name: '省领导' }, [{ role: 'lead', planId: plan.planId }]);
    // Monday 09:00: the week's summary (the first tick plans no reminders, so the 1,000 units' notices stay out of the way).
    await e2e.scheduler().tick();
    expect(e2e.emulator.transcript(PROVINCE_LEAD)[0]?.text).toMatch(/^📊 督办进度汇总（2026年3月9日（周一））/);
    const photos = e2e.emulator.botCalls({ method: 'sendPhoto' }).filter((c) => Number(c.params.chat_id) === PROVINCE_LEAD);
    expect(photos.length).toBeGreaterThan(0);
    expect(photos.map((c) => (c.response?.ok ? 'ok' : c.response?.description))).toEqual(photos.map(() => 'ok'));
    const shown = e2e.emulator.transcript(PROVINCE_LEAD).filter((m) => m.photo !== undefined);
    expect(shown).toHaveLength(photos.length);
    for (const message of shown) {
      const biggest = message.photo!.at(-1)!;
      expectWithinPhotoLimits(e2e.emulator.file(biggest.file_id)!.data);
    }
  }, 60_000);

  it('at 10,000 units and 10,000 quotas behind: two bounded pictures, which Telegram takes', async () => {
    const units = Array.from({ length: 10_000 }, (_, i) => ({
      unitId: i + 1,
      unit: `第${String(i + 1).padStart(5, '0')}业务处`,
      onTime: i % 4,
      late: i % 3,
      missing: i % 5,
    }));
    const quotasBehind = units.map((u, i) => ({
      unit: u.unit,
      item: `${i + 1}①`,
      title: '开展信用承诺',
      target: 10,
      expected: 5,
      actual: i % 5,
      label: '例',
    }));
    const summary: Summary = {
      at: DateTime.fromJSDate(sh('2026-03-09T09:00'), { zone: PLAN_ZONE }),
      plans: [
        { planId: 1, title: '省级计划', year: 2026, units, overdue: [], quotasBehind, ratiosBelow: [], dueSoon: [], evidenceMissing: [] },
      ],
    };
    const pictures = await summaryCharts(summary, 'zh-CN');
    expect(pictures).toHaveLength(2);
    for (const png of pictures) expectWithinPhotoLimits(png);
    // Far from a bar per unit: about as tall as a chart of a few dozen.
    for (const png of pictures) expect(pngSize(png).height).toBeLessThan(3000);

    const e2e = await startE2E();
    const api = new Api(e2e.emulator.token, { apiRoot: e2e.emulator.apiRoot });
    for (const [i, png] of pictures.entries()) {
      const sent = await api.sendPhoto(3001, new InputFile(png, `chart-${i + 1}.png`));
      expect(sent.photo?.length).toBeGreaterThan(0);
    }
  }, 60_000);
});
