/** /yearly reads each plan's own year: a 2026 plan asked about in January 2027 shows 2026, not an empty 2027. */
import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { LEAD, startE2E } from '../../support/e2e';
import { PLAN_ZONE } from '../../../plans/due-dates';

const sh = (iso: string) => DateTime.fromISO(iso, { zone: PLAN_ZONE }).toJSDate();

describe('/yearly after a plan ended', () => {
  it("counts the ended plan's year: its twelve months of periods, not the new year's none", async () => {
    const e2e = await startE2E({ now: sh('2027-01-05T10:00'), seededAt: sh('2026-01-02T09:00') });
    const text = (await e2e.as(LEAD).send('/yearly')).text!;
    // 政策法规处: none reported all 2026; its monthly items alone give over a hundred missing periods.
    const line = text.split('\n').find((l) => l.startsWith('政策法规处：'))!;
    const missing = Number(/未报 (\d+) 期/.exec(line)?.[1]);
    expect(missing).toBeGreaterThan(100);
  });
});
