/**
 * Every kind of notice the outbox carries (core/outbox-kind.ts), with what groups, words and
 * plans it. The scheduler runs each notice's planner every tick and the dispatcher renders each
 * row with its kind's notice. The type demands a notice for every kind: a kind added to
 * OutboxPayloads and left out here does not compile.
 */
import type { NoticeRegistry } from '../schedules/notices/notice';
import { liaisonReminder } from '../schedules/notices/liaison-reminder';
import { leadNotice } from '../schedules/notices/lead-notice';
import { calendarMissingNotice } from '../schedules/notices/calendar-missing';
import { unreachableNotice } from '../schedules/notices/unreachable';
import { groupLostNotice } from '../schedules/notices/group-lost';
import { tooLongNotice } from '../schedules/notices/too-long';
import { weeklySummaryNotice } from '../digests/notices/weekly-summary';
import { circularNotice } from '../digests/notices/circular';

/** In the order their planners run each tick. */
export const NOTICES: NoticeRegistry = {
  before: liaisonReminder,
  due: liaisonReminder,
  overdue: liaisonReminder,
  snooze: liaisonReminder,
  'overdue-lead': leadNotice,
  'no-liaison': leadNotice,
  'calendar-missing': calendarMissingNotice,
  'weekly-summary': weeklySummaryNotice,
  'circular-draft': circularNotice,
  circular: circularNotice,
  unreachable: unreachableNotice,
  'group-lost': groupLostNotice,
  'too-long': tooLongNotice,
};
