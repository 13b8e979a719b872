/**
 * `duban status`: how the bot on DUBAN_DB is doing, read from the database (read-only) and its
 * lock file, for people and for the container's health check.
 *
 * Unhealthy (exit code 1) when any of:
 * - no process holds the bot's lock (no bot is running on the database), or the holder is a
 *   `duban restore`;
 * - the holder's heartbeat is older than HEARTBEAT_STALE_MS (30 s): it is hung;
 * - the scheduler has not ticked for NO_TICK_MS (5 minutes), or never did;
 * - a message has been due for over DUE_TOO_LONG_MS (an hour) and is still unsent.
 * Reported without making it unhealthy: failed messages, people unreachable, holiday
 * calendar years missing, messages being retried.
 *
 * The scheduler's tick is the time the planner last recorded its progress (scheduler_state,
 * written on every tick, also an idle one). A message's "due since" is its outbox send_after,
 * the moment the dispatcher may send it; the dispatcher moves it on at each retry (5xx, no
 * connection), so a message being retried counts from its next attempt, and retries show as
 * `retrying` instead.
 */
import { and, asc, desc, eq, inArray, isNotNull, like, lte, max, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Database_ } from '../db';
import { schemaVersion } from '../db';
import { calendarOverrides, outbox, people, schedulerState } from '../db/schema';
import { createCalendar } from '../schedules/calendar';
import { describeHolder, HEARTBEAT_STALE_MS, isLockHeld, readLease, type Lease } from '../app/instance-lock';

export const NO_TICK_MS = 5 * 60_000;
export const DUE_TOO_LONG_MS = 60 * 60_000;
/** Lists in the report stop at this many entries (the counts are complete). */
const LISTED = 10;
const ZONE = 'Asia/Shanghai';

export interface StatusReport {
  healthy: boolean;
  /** Why it is unhealthy; empty when healthy. */
  problems: string[];
  /** Worth a look, not unhealthy. */
  warnings: string[];
  database: string;
  checkedAt: string;
  schema: { version: number; expected: number };
  lock: {
    held: boolean;
    /** The lease row: the holder when held, else the last holder that did not release it (null: none). */
    holder: { role: string; pid: number; host: string; startedAt: string; heartbeatAt: string; heartbeatAgeSeconds: number } | null;
  };
  scheduler: { lastTickAt: string | null; ageSeconds: number | null };
  outbox: {
    /** Rows by state: pending, sending, sent, failed, skipped. */
    byStatus: Record<string, number>;
    /** Rows by kind, then state. */
    byKind: Record<string, Record<string, number>>;
    oldestDue: {
      id: number;
      kind: string;
      chatId: number;
      dueSince: string;
      ageSeconds: number;
      attempts: number;
      lastError: string | null;
    } | null;
    /** Pending rows that failed at least once and wait for another attempt. */
    retrying: number;
  };
  failed: { count: number; latest: { id: number; kind: string; chatId: number; error: string | null; at: string }[] };
  unreachable: { count: number; people: { id: number; name: string; since: string }[] };
  calendar: { missingYears: number[] };
}

const iso = (date: Date) => DateTime.fromJSDate(date, { zone: ZONE }).toISO({ suppressMilliseconds: true })!;
const seconds = (ms: number) => Math.max(0, Math.round(ms / 1000));

function duration(ms: number): string {
  const s = seconds(ms);
  if (s < 120) return `${s} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  if (s < 172_800) return `${Math.round(s / 3600)} h`;
  return `${Math.round(s / 86_400)} days`;
}

/** The report on an open (read-only) database `file`, as of `now`. */
export function readStatus(database: Database_, file: string, now: Date): StatusReport {
  const { db, sqlite } = database;
  const problems: string[] = [];
  const warnings: string[] = [];
  const at = now.getTime();

  // The lock and its holder.
  const held = isLockHeld(file);
  const lease: Lease | null = readLease(sqlite);
  if (!held) {
    problems.push(
      `no bot is running on ${file} (nobody holds its lock${lease ? `; the last holder was ${describeHolder(lease, now)}` : ''})`,
    );
  } else if (lease === null) {
    problems.push(`a process holds the lock on ${file} but has written no lease row (an older duban, or one starting)`);
  } else if (lease.role === 'restore') {
    problems.push(`a restore is in progress (${describeHolder(lease, now)})`);
  } else if (at - lease.heartbeatAt.getTime() > HEARTBEAT_STALE_MS) {
    problems.push(`the ${describeHolder(lease, now)} holds the lock but its heartbeat stopped: it is hung`);
  }

  // The scheduler's last tick.
  const tick = db
    .select({ at: max(schedulerState.updatedAt) })
    .from(schedulerState)
    .where(like(schedulerState.key, 'planner.%'))
    .get()?.at;
  const lastTick = tick ? new Date(tick) : null;
  if (lastTick === null) problems.push('the scheduler has never ticked on this database');
  else if (at - lastTick.getTime() > NO_TICK_MS)
    problems.push(`no scheduler tick for ${duration(at - lastTick.getTime())} (the last at ${iso(lastTick)})`);

  // The outbox.
  const byStatus: Record<string, number> = {};
  const byKind: Record<string, Record<string, number>> = {};
  const counts = db
    .select({ kind: outbox.kind, status: outbox.status, n: sql<number>`count(*)` })
    .from(outbox)
    .groupBy(outbox.kind, outbox.status)
    .orderBy(asc(outbox.kind), asc(outbox.status))
    .all();
  for (const { kind, status, n } of counts) {
    byStatus[status] = (byStatus[status] ?? 0) + n;
    (byKind[kind] ??= {})[status] = n;
  }
  const oldest = db
    .select()
    .from(outbox)
    .where(and(inArray(outbox.status, ['pending', 'sending']), lte(outbox.sendAfter, now)))
    .orderBy(asc(outbox.sendAfter), asc(outbox.id))
    .limit(1)
    .get();
  const oldestDue = oldest
    ? {
        id: oldest.id,
        kind: oldest.kind,
        chatId: oldest.chatId,
        dueSince: iso(oldest.sendAfter),
        ageSeconds: seconds(at - oldest.sendAfter.getTime()),
        attempts: oldest.attempts,
        lastError: oldest.lastError,
      }
    : null;
  if (oldest && at - oldest.sendAfter.getTime() > DUE_TOO_LONG_MS) {
    problems.push(
      `a message due since ${iso(oldest.sendAfter)} (${duration(at - oldest.sendAfter.getTime())} ago) is still unsent: outbox #${oldest.id}, ${oldest.kind} to chat ${oldest.chatId}`,
    );
  }
  const retrying = db
    .select({ n: sql<number>`count(*)` })
    .from(outbox)
    .where(and(eq(outbox.status, 'pending'), sql`${outbox.attempts} > 0`))
    .get()!.n;
  if (retrying > 0) warnings.push(`${retrying} message(s) failed to send and wait for another attempt`);

  const failedCount = byStatus.failed ?? 0;
  const latestFailed = db
    .select({ id: outbox.id, kind: outbox.kind, chatId: outbox.chatId, error: outbox.lastError, at: outbox.updatedAt })
    .from(outbox)
    .where(eq(outbox.status, 'failed'))
    .orderBy(desc(outbox.updatedAt), desc(outbox.id))
    .limit(LISTED)
    .all()
    .map((row) => ({ ...row, at: iso(row.at) }));
  if (failedCount > 0)
    warnings.push(
      `${failedCount} message(s) failed for good (the latest: ${latestFailed[0]!.kind} to chat ${latestFailed[0]!.chatId}: ${latestFailed[0]!.error ?? 'no reason recorded'})`,
    );

  // People who blocked the bot.
  const unreachableCount = db
    .select({ n: sql<number>`count(*)` })
    .from(people)
    .where(isNotNull(people.unreachableAt))
    .get()!.n;
  const unreachablePeople = db
    .select({ id: people.id, name: people.name, since: people.unreachableAt })
    .from(people)
    .where(isNotNull(people.unreachableAt))
    .orderBy(desc(people.unreachableAt), asc(people.id))
    .limit(LISTED)
    .all()
    .map((p) => ({ id: p.id, name: p.name, since: iso(p.since!) }));
  if (unreachableCount > 0)
    warnings.push(
      `${unreachableCount} person(s) unreachable (blocked the bot): ${unreachablePeople.map((p) => p.name).join('、')}${unreachableCount > LISTED ? ' …' : ''}`,
    );

  // Holiday data: this year and the next.
  const overrides = db.select().from(calendarOverrides).all();
  const calendar = createCalendar({ overrides: overrides.map((o) => ({ year: o.year, holidays: o.holidays, workdays: o.workdays })) });
  const year = DateTime.fromJSDate(now, { zone: ZONE }).year;
  const missingYears = [year, year + 1].filter((y) => calendar.coverage(y) === 'none');
  if (missingYears.length > 0)
    warnings.push(`no holiday calendar for ${missingYears.join(' and ')}: plain weekends are assumed until an admin loads it (/calendar)`);

  const version = schemaVersion(sqlite);
  return {
    healthy: problems.length === 0,
    problems,
    warnings,
    database: file,
    checkedAt: iso(now),
    schema: { version: version.applied, expected: version.expected },
    lock: {
      held,
      holder: lease
        ? {
            role: lease.role,
            pid: lease.pid,
            host: lease.host,
            startedAt: iso(lease.startedAt),
            heartbeatAt: iso(lease.heartbeatAt),
            heartbeatAgeSeconds: seconds(at - lease.heartbeatAt.getTime()),
          }
        : null,
    },
    scheduler: { lastTickAt: lastTick ? iso(lastTick) : null, ageSeconds: lastTick ? seconds(at - lastTick.getTime()) : null },
    outbox: { byStatus, byKind, oldestDue, retrying },
    failed: { count: failedCount, latest: latestFailed },
    unreachable: { count: unreachableCount, people: unreachablePeople },
    calendar: { missingYears },
  };
}

/** The report for people: a verdict, then one line per part. */
export function describeStatus(report: StatusReport): string[] {
  const lines = [`${report.healthy ? 'healthy' : 'UNHEALTHY'}: ${report.database} at ${report.checkedAt}`];
  for (const problem of report.problems) lines.push(`  problem: ${problem}`);
  const holder = report.lock.holder;
  lines.push(
    `  lock: ${report.lock.held ? 'held' : 'free'}${holder ? `; lease: ${holder.role}, process ${holder.pid} on ${holder.host}, started ${holder.startedAt}, heartbeat ${holder.heartbeatAt} (${holder.heartbeatAgeSeconds} s ago)` : ''}`,
  );
  const tickAge = report.scheduler.ageSeconds;
  lines.push(
    `  scheduler: ${report.scheduler.lastTickAt ? `last tick ${report.scheduler.lastTickAt} (${duration((tickAge ?? 0) * 1000)} ago)` : 'never ticked'}`,
  );
  const states = Object.entries(report.outbox.byStatus).map(([state, n]) => `${state} ${n}`);
  lines.push(`  outbox: ${states.length > 0 ? states.join(', ') : 'empty'}`);
  for (const [kind, byState] of Object.entries(report.outbox.byKind)) {
    lines.push(
      `    ${kind}: ${Object.entries(byState)
        .map(([state, n]) => `${state} ${n}`)
        .join(', ')}`,
    );
  }
  const oldest = report.outbox.oldestDue;
  lines.push(
    `  oldest unsent due message: ${oldest ? `#${oldest.id} ${oldest.kind} to chat ${oldest.chatId}, due since ${oldest.dueSince} (${duration(oldest.ageSeconds * 1000)} ago), ${oldest.attempts} attempt(s)` : 'none'}`,
  );
  lines.push(`  failed messages: ${report.failed.count}`);
  for (const f of report.failed.latest)
    lines.push(`    #${f.id} ${f.kind} to chat ${f.chatId} at ${f.at}: ${f.error ?? 'no reason recorded'}`);
  lines.push(`  people unreachable: ${report.unreachable.count}`);
  for (const p of report.unreachable.people) lines.push(`    ${p.name} (person ${p.id}) since ${p.since}`);
  lines.push(`  holiday calendar missing: ${report.calendar.missingYears.length > 0 ? report.calendar.missingYears.join(', ') : 'none'}`);
  for (const warning of report.warnings) lines.push(`  warning: ${warning}`);
  return lines;
}
