/**
 * The sandbox's demo: the Fuzhou task table imported for the current year, and a few
 * people to be — an admin, liaisons of three offices (one reading English), a lead, and
 * the leading group's chat. Idempotent: running it again on the same database changes
 * nothing, so a restarted sandbox keeps what people did in it.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { DB } from '../../db';
import { people, roles, units } from '../../db/schema';
import { readPlan } from '../../plans/import';
import { commitPlan } from '../../plans/commit';
import { fuzhouWorkbook } from './fuzhou-workbook';

export interface Persona {
  telegramId: number;
  firstName: string;
  lastName?: string;
  /** Telegram's language code for the user's app. */
  languageCode: 'zh-hans' | 'en';
  /** What the web chat shows in its "who are you" list. */
  label: string;
  role: 'admin' | 'liaison' | 'lead';
  unit?: string;
}

export const DEMO_PERSONAS: Persona[] = [
  { telegramId: 1001, firstName: '王敏', languageCode: 'zh-hans', label: '管理员 王敏（信用办）', role: 'admin' },
  { telegramId: 2001, firstName: '李娜', languageCode: 'zh-hans', label: '联络员 李娜（政策法规处）', role: 'liaison', unit: '政策法规处' },
  {
    telegramId: 2002,
    firstName: 'Gang',
    lastName: 'Chen',
    languageCode: 'en',
    label: 'Liaison Chen Gang (信息管理处, English)',
    role: 'liaison',
    unit: '信息管理处',
  },
  { telegramId: 2003, firstName: '张伟', languageCode: 'zh-hans', label: '联络员 张伟（办公室）', role: 'liaison', unit: '办公室' },
  { telegramId: 3001, firstName: '刘洋', languageCode: 'zh-hans', label: '分管领导 刘洋', role: 'lead' },
];

export const DEMO_GROUP = { id: -1001234567890, title: '社会信用体系建设领导小组' };

/** Imports the demo plan (for `year`) and grants the personas their roles, once. */
export async function seedDemo(db: DB, options: { year: number; now: Date }): Promise<{ planId: number }> {
  const preview = await readPlan('福州市不动产登记和交易中心任务分解表.xlsx', await fuzhouWorkbook(), { year: options.year });
  // The demo runs in the current year: the plan's title names it, so a new year gives a new plan.
  preview.title = (preview.title ?? '').replace(/20\d\d年/, `${options.year}年`);
  preview.year = options.year;
  const { planId } = commitPlan(db, preview, { actor: { personId: null, label: 'sandbox' }, now: options.now });

  db.transaction((tx) => {
    for (const persona of DEMO_PERSONAS) {
      const name = [persona.firstName, persona.lastName].filter(Boolean).join(' ');
      const person = tx
        .insert(people)
        .values({
          telegramId: persona.telegramId,
          chatId: persona.telegramId,
          name,
          // Reminders are sent outside any update, so they need the language stored.
          language: persona.languageCode === 'en' ? 'en' : null,
          createdAt: options.now,
          updatedAt: options.now,
        })
        .onConflictDoUpdate({ target: people.telegramId, set: { name } })
        .returning({ id: people.id })
        .get();
      const unitId = persona.unit ? (tx.select({ id: units.id }).from(units).where(eq(units.name, persona.unit)).get()?.id ?? null) : null;
      const grant = { personId: person.id, role: persona.role, planId: persona.role === 'lead' ? planId : null, unitId };
      const held = tx
        .select({ id: roles.id })
        .from(roles)
        .where(
          and(
            eq(roles.personId, grant.personId),
            eq(roles.role, grant.role),
            grant.planId === null ? isNull(roles.planId) : eq(roles.planId, grant.planId),
            grant.unitId === null ? isNull(roles.unitId) : eq(roles.unitId, grant.unitId),
          ),
        )
        .get();
      if (!held)
        tx.insert(roles)
          .values({ ...grant, createdAt: options.now, updatedAt: options.now })
          .run();
    }
  });
  return { planId };
}
