/**
 * What keeps a busy minute's ticks short besides slicing (planner-store.ts, planner.ts): the
 * planner checkpoints the WAL at the start of a tick that follows one that inserted rows (so
 * SQLite's own checkpoint never lands in a tick's commit), and a period's schedule, worked out
 * with luxon, is kept from span to span. Real SQLite files (freshDatabase), an injected budget
 * clock, no timers.
 */
import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { freshDatabase } from '../support/db';
import { seedOffice, REMINDER_AT } from '../../bench/scenarios/planning-data';
import { eq } from 'drizzle-orm';
import { people, roles, units } from '../../db/schema';
import { loadCalendar, runPlanningTick, UNITS_PER_SLICE, type TickResult } from '../../schedules/planner-store';
import { PLAN_ZONE } from '../../plans/due-dates';
import type { DB } from '../../db';

const MINUTE = 60_000;

/** A budget clock that moves one "millisecond" each time it is read: a budget of 1 stops at the first look. */
const steppingClock = () => {
  let t = 0;
  return () => t++;
};

/** The bench's office, small, with SQLite's own checkpoint off: the WAL then holds what the planner left in it. */
function officeWithoutAutoCheckpoint() {
  const database = freshDatabase();
  seedOffice({ ...database, dispose: () => undefined }, { units: UNITS_PER_SLICE * 2, requirements: 3 });
  database.sqlite.pragma('wal_autocheckpoint = 0');
  runPlanningTick(database.db, loadCalendar(database.db), new Date(REMINDER_AT.getTime() - MINUTE));
  return database;
}

/** Plans `now` in ticks of one requirement over one range each, as a busy minute is planned. */
function sliced(db: DB, now: Date): TickResult[] {
  const calendar = loadCalendar(db);
  const elapsed = steppingClock();
  const ticks: TickResult[] = [];
  for (let i = 0; i < 100; i++) {
    ticks.push(runPlanningTick(db, calendar, now, { budgetMs: 1, elapsed }));
    if (ticks.at(-1)!.done) break;
  }
  return ticks;
}

/** Pages in the WAL not yet copied into the database file. */
const walPages = (db: DB) => (db.$client.pragma('wal_checkpoint(PASSIVE)') as { log: number }[])[0]!.log;

describe('checkpoints paced by the planner', () => {
  it('a tick that follows one that inserted rows checkpoints first, and one that follows none does not', () => {
    const { db } = officeWithoutAutoCheckpoint();
    const ticks = sliced(db, REMINDER_AT);
    expect(ticks.length).toBeGreaterThan(2);
    ticks.forEach((tick, i) => {
      const previousPlanned = i === 0 ? 0 : ticks[i - 1]!.planned;
      expect(tick.phases.checkpointPages > 0, `tick ${i}`).toBe(previousPlanned > 0);
    });
    // The minute's last tick found nothing left to insert (and copied its predecessor's pages): the quiet minute after copies nothing.
    expect(ticks.at(-1)!.planned).toBe(0);
    expect(runPlanningTick(db, loadCalendar(db), new Date(REMINDER_AT.getTime() + MINUTE)).phases.checkpointPages).toBe(0);
  });

  it('leaves in the WAL only what the last tick wrote, however many ticks the minute took', () => {
    const { db } = officeWithoutAutoCheckpoint();
    const ticks = sliced(db, REMINDER_AT);
    const copied = ticks.map((tick) => tick.phases.checkpointPages).filter((pages) => pages > 0);
    expect(copied.length).toBeGreaterThan(2);
    // Every tick writes about as much as another (one requirement over one range): the WAL holds one
    // tick's pages, not the minute's.
    const left = walPages(db);
    expect(left).toBeLessThanOrEqual(2 * Math.max(...copied));
    expect(left).toBeLessThan(copied.reduce((sum, pages) => sum + pages, 0));
  });

  it('says where the tick went: checkpoint, planning, commit, by the budget clock', () => {
    const { db } = officeWithoutAutoCheckpoint();
    const [first, second] = sliced(db, REMINDER_AT);
    // The stepping clock is read at the start, after the checkpoint, at each look at the budget and after planning and commit.
    for (const tick of [first!, second!]) {
      expect(tick.phases.checkpointMs).toBe(1);
      expect(tick.phases.planningMs).toBeGreaterThanOrEqual(1);
      expect(tick.phases.commitMs).toBe(1);
    }
  });
});

describe('schedules kept from span to span', () => {
  const sh = (iso: string) => DateTime.fromISO(iso, { zone: PLAN_ZONE }).toJSDate();

  /** Weekly, monthly, quarterly and one-off rules, one unit with a liaison and a lead, planned every nine hours or so over three months. */
  async function plannedOverMonths(calendarPerTick: boolean): Promise<string[]> {
    const { db } = freshDatabase();
    const { readPlan } = await import('../../plans/import');
    const { commitPlan } = await import('../../plans/commit');
    const text =
      '某局2026年工作要点\n(一)报送周报。(责任单位:办公室;完成时限:每周五下班前)\n(二)报送月度进展。(责任单位:办公室;完成时限:每月10日前)\n' +
      '(三)报送季度小结。(责任单位:办公室;完成时限:每季度末)\n(四)完成专项检查。(责任单位:办公室;完成时限:6月底前)\n';
    commitPlan(db, await readPlan('p.txt', Buffer.from(text)), { actor: { personId: null, label: 't' }, now: sh('2026-01-01T08:00') });
    const office = db.select().from(units).where(eq(units.name, '办公室')).get()!;
    const liaison = db.insert(people).values({ telegramId: 77, chatId: 77, name: '联络员' }).returning().get();
    const lead = db.insert(people).values({ telegramId: 88, chatId: 88, name: '领导' }).returning().get();
    db.insert(roles).values({ personId: liaison.id, role: 'liaison', unitId: office.id }).run();
    db.insert(roles).values({ personId: lead.id, role: 'lead', unitId: office.id }).run();
    const kept = loadCalendar(db);
    for (let at = DateTime.fromISO('2026-01-01T08:00', { zone: PLAN_ZONE }); at.month < 4; at = at.plus({ hours: 9, minutes: 13 }))
      runPlanningTick(db, calendarPerTick ? loadCalendar(db) : kept, at.toJSDate());
    return (
      db.$client.prepare('select key, send_after as sendAfter, due_at as dueAt from outbox order by key').all() as {
        key: string;
        sendAfter: number;
        dueAt: number;
      }[]
    ).map((row) => `${row.key} ${row.sendAfter} ${row.dueAt}`);
  }

  it('one calendar kept tick after tick plans what a fresh calendar each tick plans', async () => {
    const fresh = await plannedOverMonths(true);
    expect(fresh.length).toBeGreaterThan(0);
    // Weekly rules (every Friday) have more dues in the window than the few asked for first.
    expect(fresh.some((row) => row.includes('-W'))).toBe(true);
    expect(fresh.some((row) => row.includes('overdue'))).toBe(true);
    expect(await plannedOverMonths(false)).toEqual(fresh);
  });
});
