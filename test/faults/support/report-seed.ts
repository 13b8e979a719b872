/**
 * A small plan for the report drills: one office (政策法规处) with four monthly requirements,
 * one of them counted toward a yearly quota, and two event-relative ones (七个工作日内), each
 * reported as a new event; and its liaison. Reports are one per requirement, unit and period,
 * so a monthly requirement shows a duplicate save only as an overwrite: the event-relative
 * ones show it as a second event.
 */
import type { DB } from '../../../db';
import { people, roles, units } from '../../../db/schema';
import { eq } from 'drizzle-orm';
import { readPlan } from '../../../plans/import';
import { commitPlan } from '../../../plans/commit';
import { toCsv } from './delimited';

export const UNIT = '政策法规处';
export const LIAISON = { id: 2001, firstName: '李娜', languageCode: 'zh-hans' as const };

export interface DrillRequirement {
  /** As the bot shows it: task number and circled index, e.g. 1①. */
  item: string;
  title: string;
  quota: boolean;
  event: boolean;
}

export const REQUIREMENTS: DrillRequirement[] = [
  { item: '1①', title: '月度进展', quota: false, event: false },
  { item: '2①', title: '信用动态', quota: true, event: false },
  { item: '3①', title: '双公示台账', quota: false, event: false },
  { item: '4①', title: '信用承诺', quota: false, event: false },
  { item: '5①', title: '增量信息', quota: false, event: true },
  { item: '6①', title: '变更信息', quota: false, event: true },
];

const TEXTS: Record<string, [string, string]> = {
  月度进展: ['报送本单位月度工作进展。', '每月10日前'],
  信用动态: ['报送信用动态信息,全年不少于10例。', '每月10日前'],
  双公示台账: ['按月制作双公示台账。', '每月15日前'],
  信用承诺: ['按月归集信用承诺书。', '每月20日前'],
  增量信息: ['如有增量信息,在七个工作日内填报。', '七个工作日内'],
  变更信息: ['如有变更信息,在五个工作日内报送。', '五个工作日内'],
};

export async function seedReportPlan(db: DB, year: number, now: Date): Promise<void> {
  const rows = [
    [`演练单位${year}年任务分解表`, '', '', '', '', ''],
    ['序号', '工作任务', '任务内容', '任务要求', '完成时限', '责任处室'],
    ...REQUIREMENTS.map((r, i) => [String(i + 1), r.title, '', TEXTS[r.title]![0], TEXTS[r.title]![1], UNIT]),
  ];
  const preview = await readPlan('演练任务分解表.csv', new TextEncoder().encode(toCsv(rows, 'when needed')), { year });
  commitPlan(db, preview, { actor: { personId: null, label: 'drill' }, now });
  const unitId = db.select({ id: units.id }).from(units).where(eq(units.name, UNIT)).get()!.id;
  const person = db
    .insert(people)
    .values({ telegramId: LIAISON.id, chatId: LIAISON.id, name: LIAISON.firstName, createdAt: now, updatedAt: now })
    .returning({ id: people.id })
    .get();
  db.insert(roles).values({ personId: person.id, role: 'liaison', unitId, createdAt: now, updatedAt: now }).run();
}
