/**
 * The reminder policy of a plan: when, relative to a due day, its liaisons are reminded.
 * Defaults below; an admin changes them per plan (/policy), stored as JSON on the plan.
 */
import { z } from 'zod';

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day as HH:MM');

export const policySchema = z
  .object({
    /** Remind this many working days before the due day (3 and 1 by default). */
    beforeWorkingDays: z.array(z.number().int().min(1).max(20)).max(5),
    /** Remind on the due day itself. */
    onDueDay: z.boolean(),
    /** On the next working day after the due day, tell the liaison and the unit's lead what was not reported. */
    overdue: z.boolean(),
    /** Working hours (Shanghai): reminders go out from `workStart` and never after `workEnd`. */
    workStart: clockTime,
    workEnd: clockTime,
    /** The weekly summary's day (1 = Monday … 7 = Sunday; moved to the next working day of that week) and time. */
    summaryWeekday: z.number().int().min(1).max(7),
    summaryTime: clockTime,
  })
  .refine((p) => p.workStart < p.workEnd, { message: 'workStart must be before workEnd', path: ['workEnd'] });

export type ReminderPolicy = z.infer<typeof policySchema>;

export const DEFAULT_POLICY: ReminderPolicy = {
  beforeWorkingDays: [3, 1],
  onDueDay: true,
  overdue: true,
  workStart: '09:00',
  workEnd: '18:00',
  summaryWeekday: 1,
  summaryTime: '09:00',
};

/** A plan's stored overrides laid over the defaults; a stored value that no longer validates falls back to the defaults. */
export function effectivePolicy(stored: unknown): ReminderPolicy {
  if (stored === null || stored === undefined) return DEFAULT_POLICY;
  const merged = policySchema.safeParse({ ...DEFAULT_POLICY, ...(stored as object) });
  return merged.success ? merged.data : DEFAULT_POLICY;
}
