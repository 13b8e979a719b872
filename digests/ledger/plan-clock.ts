/**
 * Instants written on the plan's clock (Asia/Shanghai), whatever the server's zone, fast
 * enough for a few hundred thousand cells. Asking luxon for each instant's zone offset goes
 * through Intl every time and was the ledger's largest cost; an offset only changes on an
 * hour boundary, so it is asked once per hour and the fields are read off a shifted Date.
 */
import { DateTime } from 'luxon';
import { PLAN_ZONE } from '../../plans/due-dates';

const HOUR = 3_600_000;
const offsetByHour = new Map<number, number>();

function offsetMinutes(ms: number): number {
  const hour = Math.floor(ms / HOUR);
  let offset = offsetByHour.get(hour);
  if (offset === undefined) {
    if (offsetByHour.size > 100_000) offsetByHour.clear();
    offset = DateTime.fromMillis(hour * HOUR, { zone: PLAN_ZONE }).offset;
    offsetByHour.set(hour, offset);
  }
  return offset;
}

const two = (n: number) => (n < 10 ? `0${n}` : String(n));

/** The wall clock in Shanghai at an instant, as a Date whose UTC fields are the wall-clock fields. */
function wallClock(at: Date | number): Date {
  const ms = typeof at === 'number' ? at : at.getTime();
  return new Date(ms + offsetMinutes(ms) * 60_000);
}

/** yyyy-MM-dd, the day in Shanghai. */
export function formatPlanDay(at: Date | number): string {
  const wall = wallClock(at);
  return `${wall.getUTCFullYear()}-${two(wall.getUTCMonth() + 1)}-${two(wall.getUTCDate())}`;
}

/** yyyy-MM-dd HH:mm in Shanghai, as report times are shown. */
export function formatPlanMinute(at: Date | number): string {
  const wall = wallClock(at);
  return `${formatPlanDay(at)} ${two(wall.getUTCHours())}:${two(wall.getUTCMinutes())}`;
}
