/** Dates as the plan sees them: always in Beijing time, whatever the browser's zone. */
import { dateLocale } from './strings.js';

export const PLAN_ZONE = 'Asia/Shanghai';
/** Shanghai has kept UTC+8 without daylight saving since 1991. */
const PLAN_OFFSET = '+08:00';

const format = (date, options) => new Intl.DateTimeFormat(dateLocale(), { timeZone: PLAN_ZONE, ...options }).format(date);

/** 2026年11月25日星期三 09:00 */
export const longDateTime = (date) =>
  format(date, { year: 'numeric', month: 'long', day: 'numeric', weekday: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** 11月25日周三 09:00 */
export const shortDateTime = (date) =>
  format(date, { month: 'long', day: 'numeric', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** 11月25日星期三, for the line between two days of a chat. */
export const dayLabel = (date) => format(date, { year: 'numeric', month: 'long', day: 'numeric', weekday: 'long' });

export const clockTime = (date) => format(date, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** "2026-11-25": compares days in Beijing. */
export const dayKey = (date) => new Intl.DateTimeFormat('en-CA', { timeZone: PLAN_ZONE }).format(date);

/** The value a datetime-local input shows for an instant: its Beijing wall time. */
export function toLocalInputValue(date) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: PLAN_ZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(date)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/** A datetime-local value ("2026-11-25T09:00") read as Beijing time, as an ISO instant with its offset. */
export const fromLocalInputValue = (value) => `${value.length === 16 ? `${value}:00` : value}${PLAN_OFFSET}`;
