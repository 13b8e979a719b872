/**
 * The database schema (SQLite, through drizzle-orm).
 *
 * To add a table: declare it here with camelCase keys over snake_case columns, text enums,
 * named indexes (`table_column_idx`) and timestamps from `timestamps()`; then run
 * `npm run db:generate` and commit the new file under db/migrations. Migrations run at
 * start and in every test. A migration that rebuilds a table whose children cascade on
 * delete empties those children (SQLite drops the old table): test it on a filled database.
 *
 * Instants are stored as integer milliseconds since the epoch (UTC); the plan's clock is
 * Asia/Shanghai, applied where times are shown or planned, never in storage.
 */
import { sql } from 'drizzle-orm';
import { index, integer, real, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { DeadlineRule, QuotaPeriod, UnitKind } from '../core/plan-types';
import type { OutboxKind } from '../core/outbox-kind';
import { REPORT_STATUSES } from '../core/report-status';

const now = sql`(cast(unixepoch('subsec') * 1000 as integer))`;

function timestamps() {
  return {
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(now),
  };
}

// ---------------------------------------------------------------------------- plans

export const plans = sqliteTable(
  'plans',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** How a re-import finds the same plan: its title and year, or the file name when untitled. */
    key: text('key').notNull(),
    title: text('title'),
    year: integer('year'),
    /**
     * The plan's last day, YYYY-MM-DD in Shanghai, when an admin ended it early (or ran it on);
     * null: 31 December of `year` (no end when the plan has no year). No period falls due after it.
     */
    endsOn: text('ends_on'),
    /** The file (or "pasted text") the plan was last imported from. */
    sourceName: text('source_name').notNull(),
    /** Day of the month ongoing requirements report by; null means the plan's most common monthly day. */
    monthlyReportDay: integer('monthly_report_day'),
    /** The leading group's chat (领导小组群), bound by an admin with /group there: summaries and circulars go to it too. */
    leadGroupChatId: integer('lead_group_chat_id'),
    /** Reminder policy overrides (offsets, working hours) as JSON; null means the defaults. */
    reminderPolicy: text('reminder_policy', { mode: 'json' }),
    archivedAt: integer('archived_at', { mode: 'timestamp_ms' }),
    /**
     * Set when next year's plan replaced this one (rollOverPlan, schedules/plan-lifecycle.ts) while it
     * still had notices to send: it stays live until its last day has passed, its last month's
     * circular is published or held and nothing of it waits in the outbox; then the scheduler
     * archives it. The instant of the rollover; null: no archive pending.
     */
    archiveWhenDone: integer('archive_when_done', { mode: 'timestamp_ms' }),
    ...timestamps(),
  },
  (t) => [uniqueIndex('plans_key_idx').on(t.key)],
);

export const sections = sqliteTable(
  'sections',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    planId: integer('plan_id')
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    /** The heading's numeral as written: 一, 二 … */
    number: text('number').notNull(),
    title: text('title').notNull(),
    position: integer('position').notNull(),
    ...timestamps(),
  },
  (t) => [uniqueIndex('sections_plan_number_idx').on(t.planId, t.number)],
);

export const tasks = sqliteTable(
  'tasks',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    planId: integer('plan_id')
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    sectionId: integer('section_id').references(() => sections.id, { onDelete: 'set null' }),
    /** The task's number as written in the plan (1, 2 … or 一, 二 … for prose plans). */
    number: text('number').notNull(),
    title: text('title').notNull(),
    content: text('content'),
    position: integer('position').notNull(),
    /** Where the task was read from: "file.xlsx row 7". */
    source: text('source'),
    /** The task's points (分值) in an assessment plan; null when the plan gives none. */
    points: real('points'),
    /** Set when a re-import no longer has the task; reports stay. */
    archivedAt: integer('archived_at', { mode: 'timestamp_ms' }),
    ...timestamps(),
  },
  (t) => [uniqueIndex('tasks_plan_number_idx').on(t.planId, t.number)],
);

export const requirements = sqliteTable(
  'requirements',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    taskId: integer('task_id')
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    /** 1-based: ① is 1. A task without ①②③ items has one requirement, index 1. */
    index: integer('index').notNull(),
    text: text('text').notNull(),
    /** What must be submitted as proof (考核要求, 佐证材料), as the plan words it; null when it names none. */
    evidence: text('evidence'),
    /** Problems found on import (unreadable deadline, no unit …) for an admin to fix. */
    problems: text('problems', { mode: 'json' })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
    archivedAt: integer('archived_at', { mode: 'timestamp_ms' }),
    ...timestamps(),
  },
  (t) => [uniqueIndex('requirements_task_index_idx').on(t.taskId, t.index)],
);

/** The deadline of a requirement: the original text beside the structured rule. */
export const deadlineRules = sqliteTable(
  'deadline_rules',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    requirementId: integer('requirement_id')
      .notNull()
      .references(() => requirements.id, { onDelete: 'cascade' }),
    text: text('text').notNull(),
    recognized: integer('recognized', { mode: 'boolean' }).notNull(),
    rule: text('rule', { mode: 'json' }).$type<DeadlineRule>(),
    /** `import` rules follow re-imports; an `admin` rule (fixed by /deadline) is kept over them. */
    origin: text('origin', { enum: ['import', 'admin'] })
      .notNull()
      .default('import'),
    ...timestamps(),
  },
  (t) => [uniqueIndex('deadline_rules_requirement_idx').on(t.requirementId)],
);

export const quotas = sqliteTable(
  'quotas',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    requirementId: integer('requirement_id')
      .notNull()
      .references(() => requirements.id, { onDelete: 'cascade' }),
    target: integer('target').notNull(),
    /** 例 次 篇 个 … or % */
    unitLabel: text('unit_label').notNull(),
    period: text('period', { enum: ['year', 'month', 'once'] })
      .$type<QuotaPeriod>()
      .notNull(),
    kind: text('kind', { enum: ['count', 'ratio'] }).notNull(),
    source: text('source').notNull(),
    ...timestamps(),
  },
  (t) => [uniqueIndex('quotas_requirement_idx').on(t.requirementId)],
);

// ---------------------------------------------------------------------------- units

/** An office. Units outlive plans: next year's plan names the same offices and keeps their people. */
export const units = sqliteTable(
  'units',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    kind: text('kind', {
      enum: ['division', 'branch', 'affiliate', 'bureau', 'center', 'enterprise', 'government', 'other'],
    })
      .$type<UnitKind>()
      .notNull(),
    ...timestamps(),
  },
  (t) => [uniqueIndex('units_name_idx').on(t.name)],
);

/** Other names of a unit (局办公室 for 办公室); imports resolve them to the unit. */
export const unitAliases = sqliteTable(
  'unit_aliases',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'cascade' }),
    alias: text('alias').notNull(),
    ...timestamps(),
  },
  (t) => [uniqueIndex('unit_aliases_alias_idx').on(t.alias)],
);

/** The units a plan involves: those it names and those its groups were expanded to. */
export const planUnits = sqliteTable(
  'plan_units',
  {
    planId: integer('plan_id')
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'cascade' }),
    ...timestamps(),
  },
  (t) => [uniqueIndex('plan_units_plan_unit_idx').on(t.planId, t.unitId)],
);

/** A group reference as written in the plan (中心各处室), kept so it can be expanded again. */
export const requirementGroups = sqliteTable(
  'requirement_groups',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    requirementId: integer('requirement_id')
      .notNull()
      .references(() => requirements.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    role: text('role', { enum: ['lead', 'cooperating'] }).notNull(),
    ...timestamps(),
  },
  (t) => [uniqueIndex('requirement_groups_requirement_name_idx').on(t.requirementId, t.name)],
);

/** Who must do a requirement: a unit, as lead or cooperating, named or through a group. */
export const assignments = sqliteTable(
  'assignments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    requirementId: integer('requirement_id')
      .notNull()
      .references(() => requirements.id, { onDelete: 'cascade' }),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['lead', 'cooperating'] }).notNull(),
    /** The group this assignment came from, null when the unit is named. */
    viaGroup: text('via_group'),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('assignments_requirement_unit_idx').on(t.requirementId, t.unitId),
    index('assignments_unit_idx').on(t.unitId),
    // The summary, the circular and the yearly record read a plan's assignments for every unit at
    // once, grouped by requirement, role and when given: from this index alone, in its order, with
    // no table fetch per assignment and no sorting (10,000 units: 1,000,000 assignments read in
    // about 0.2 s, not 1.4-3.6 s through assignments_unit_idx; bench, scenario 5).
    index('assignments_requirement_role_idx').on(t.requirementId, t.role, t.createdAt, t.unitId),
  ],
);

// ---------------------------------------------------------------------------- people

export const people = sqliteTable(
  'people',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    telegramId: integer('telegram_id').notNull(),
    /** Private chat id; equals the Telegram user id, kept apart so a group can stand in. */
    chatId: integer('chat_id').notNull(),
    name: text('name').notNull(),
    username: text('username'),
    /** zh-CN or en; null follows Telegram's language code. */
    language: text('language'),
    /** Set when Telegram says the person blocked the bot (403). */
    unreachableAt: integer('unreachable_at', { mode: 'timestamp_ms' }),
    ...timestamps(),
  },
  (t) => [uniqueIndex('people_telegram_id_idx').on(t.telegramId)],
);

/**
 * A role a person holds. Admins have no unit; a lead's scope is a plan (unit null) or one
 * unit; a liaison serves one unit (a person may hold several rows).
 */
export const roles = sqliteTable(
  'roles',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['admin', 'lead', 'liaison'] }).notNull(),
    planId: integer('plan_id').references(() => plans.id, { onDelete: 'cascade' }),
    unitId: integer('unit_id').references(() => units.id, { onDelete: 'cascade' }),
    grantedBy: integer('granted_by').references((): AnySQLiteColumn => people.id),
    revokedAt: integer('revoked_at', { mode: 'timestamp_ms' }),
    ...timestamps(),
  },
  (t) => [index('roles_person_idx').on(t.personId), index('roles_unit_idx').on(t.unitId)],
);

export const invites = sqliteTable(
  'invites',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    code: text('code').notNull(),
    role: text('role', { enum: ['lead', 'liaison'] }).notNull(),
    planId: integer('plan_id').references(() => plans.id, { onDelete: 'cascade' }),
    unitId: integer('unit_id').references(() => units.id, { onDelete: 'cascade' }),
    createdBy: integer('created_by').references(() => people.id),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    usedBy: integer('used_by').references(() => people.id),
    usedAt: integer('used_at', { mode: 'timestamp_ms' }),
    revokedAt: integer('revoked_at', { mode: 'timestamp_ms' }),
    ...timestamps(),
  },
  (t) => [uniqueIndex('invites_code_idx').on(t.code)],
);

// ---------------------------------------------------------------------------- reports

/** A unit's report on a requirement for one period ("2026-03", "2026-Q1", "2026-W11", "once"). */
export const reports = sqliteTable(
  'reports',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    requirementId: integer('requirement_id')
      .notNull()
      .references(() => requirements.id, { onDelete: 'cascade' }),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'cascade' }),
    period: text('period').notNull(),
    status: text('status', { enum: REPORT_STATUSES }).notNull(),
    note: text('note'),
    /** Counted toward the requirement's quota this period. */
    count: integer('count'),
    reportedBy: integer('reported_by').references(() => people.id),
    reportedAt: integer('reported_at', { mode: 'timestamp_ms' }).notNull(),
    /** After the due moment: kept, but counted as not done (逾期报送视为工作未完成). */
    late: integer('late', { mode: 'boolean' }).notNull(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('reports_requirement_unit_period_idx').on(t.requirementId, t.unitId, t.period),
    index('reports_unit_idx').on(t.unitId),
    // The summary, the circular and the yearly record count a plan's reports per requirement and
    // period for every unit at once: with `late` and the unit in the index SQLite answers from the
    // index alone, not one table fetch per report (10,000 units: 640,000 fetches a month, bench/README.md).
    index('reports_requirement_period_idx').on(t.requirementId, t.period, t.late, t.unitId),
  ],
);

/**
 * An event a liaison reports for an event-relative requirement (如有增量信息，在七个工作日内
 * 填报): the deadline is counted from the day it occurred. Each event is its own period
 * ("event-<id>") with its own reminders and report.
 */
export const events = sqliteTable(
  'events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    requirementId: integer('requirement_id')
      .notNull()
      .references(() => requirements.id, { onDelete: 'cascade' }),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'cascade' }),
    /** The day it happened, YYYY-MM-DD in Shanghai. */
    occurredOn: text('occurred_on').notNull(),
    note: text('note'),
    reportedBy: integer('reported_by').references(() => people.id, { onDelete: 'set null' }),
    /**
     * The /report conversation that recorded it. A save repeated after a crash (Telegram hands
     * the same press to the restarted bot) finds its own event by this instead of adding one.
     */
    draftId: text('draft_id'),
    ...timestamps(),
  },
  (t) => [index('events_requirement_unit_idx').on(t.requirementId, t.unitId), uniqueIndex('events_draft_id_idx').on(t.draftId)],
);

/**
 * A file's bytes kept by Duban (issue 15): content-addressed, one row per distinct content,
 * the bytes under the file store's root (db/file-store.ts) at a path made from the sha256.
 * The same file sent twice, by anyone, is stored once.
 */
export const storedFiles = sqliteTable('stored_files', {
  sha256: text('sha256').primaryKey(),
  size: integer('size').notNull(),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
});

/**
 * 佐证材料: files, photos, links and notes proving a report. Telegram's file id, with the bytes archived
 * (sha256) as soon as they are downloaded: a file id is useless under another bot token and
 * backups hold no Telegram ids' bytes. Until then `sha256` is null; a failed download is
 * retried, its last error kept for the admin.
 */
export const evidence = sqliteTable(
  'evidence',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    reportId: integer('report_id')
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    /** A photo or file sent through Telegram; or a link or a written note given as proof (平台网址, 情况说明). */
    kind: text('kind', { enum: ['photo', 'document', 'link', 'note'] }).notNull(),
    /** Telegram's id of a photo or file; null for a link or a note. */
    fileId: text('file_id'),
    /** Telegram's unique id of a photo or file; for a link or a note, one made from its text, so the same one twice is kept once. */
    fileUniqueId: text('file_unique_id').notNull(),
    /** A link's address or a note's words. */
    text: text('text'),
    fileName: text('file_name'),
    mimeType: text('mime_type'),
    size: integer('size'),
    /** Who sent it. */
    addedBy: integer('added_by').references(() => people.id, { onDelete: 'set null' }),
    /** The archived bytes; null until downloaded. */
    sha256: text('sha256').references(() => storedFiles.sha256),
    /** Downloads tried and failed so far, and the last failure (for the admin; never shown to a liaison verbatim). */
    archiveAttempts: integer('archive_attempts').notNull().default(0),
    archiveError: text('archive_error'),
    ...timestamps(),
  },
  (t) => [uniqueIndex('evidence_report_file_idx').on(t.reportId, t.fileUniqueId), index('evidence_unarchived_idx').on(t.sha256)],
);

// ---------------------------------------------------------------------------- reminders

/**
 * Every reminder to send, planned ahead. The key (person, requirement, unit, period, kind)
 * is unique, so planning twice plans nothing new; the dispatcher records each outcome.
 */
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    key: text('key').notNull(),
    personId: integer('person_id').references(() => people.id, { onDelete: 'cascade' }),
    chatId: integer('chat_id').notNull(),
    requirementId: integer('requirement_id').references(() => requirements.id, { onDelete: 'cascade' }),
    unitId: integer('unit_id').references(() => units.id, { onDelete: 'cascade' }),
    period: text('period'),
    kind: text('kind').notNull().$type<OutboxKind>(),
    /** Not to be sent before this instant (working day, working hours). */
    sendAfter: integer('send_after', { mode: 'timestamp_ms' }).notNull(),
    payload: text('payload', { mode: 'json' }).notNull(),
    status: text('status', { enum: ['pending', 'sending', 'sent', 'failed', 'skipped'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    messageId: integer('message_id'),
    sentAt: integer('sent_at', { mode: 'timestamp_ms' }),
    /** The due moment the reminder is about: a reminder still unsent after it is stale and skipped. */
    dueAt: integer('due_at', { mode: 'timestamp_ms' }),
    /**
     * A message too long for one (a circular of many units) goes out in parts. Their texts are
     * fixed here before the first is sent, so a retry after a failure or a crash goes on with the
     * same text; null while the message is one part.
     */
    parts: text('parts', { mode: 'json' }).$type<string[]>(),
    /** How many parts Telegram has accepted: a retry sends the rest, never those again. */
    partsSent: integer('parts_sent').notNull().default(0),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('outbox_key_idx').on(t.key),
    // The dispatcher reads due rows in this order, so one chat's rows of a kind and due day come
    // together (one message of up to 10 items) whatever order the planner wrote them in.
    index('outbox_dispatch_order_idx').on(t.status, t.sendAfter, t.chatId, t.kind, t.dueAt),
  ],
);

/** Small facts the scheduler keeps between runs, such as the end of the last span the planner planned. */
export const schedulerState = sqliteTable('scheduler_state', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).notNull(),
  ...timestamps(),
});

/**
 * A year's official holiday schedule loaded by an admin (/calendar). It replaces the
 * calendar package's data for that year entirely.
 */
export const calendarOverrides = sqliteTable(
  'calendar_overrides',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    year: integer('year').notNull(),
    holidays: text('holidays', { mode: 'json' }).$type<{ date: string; name: string }[]>().notNull(),
    workdays: text('workdays', { mode: 'json' }).$type<{ date: string; name: string }[]>().notNull(),
    /** The text the admin sent, kept as the record of what was loaded. */
    source: text('source').notNull(),
    loadedBy: integer('loaded_by').references(() => people.id, { onDelete: 'set null' }),
    ...timestamps(),
  },
  (t) => [uniqueIndex('calendar_overrides_year_idx').on(t.year)],
);

/**
 * The monthly circular (通报) of a plan for one period: drafted when the month's report day
 * has passed, held or published by an admin. Published, it closes the period's reports for
 * corrections. `content` is the snapshot that was drafted, so what is published is what the
 * admin read.
 */
export const circulars = sqliteTable(
  'circulars',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    planId: integer('plan_id')
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    period: text('period').notNull(),
    status: text('status', { enum: ['draft', 'held', 'published'] })
      .notNull()
      .default('draft'),
    content: text('content', { mode: 'json' }).notNull(),
    publishedAt: integer('published_at', { mode: 'timestamp_ms' }),
    publishedBy: integer('published_by').references(() => people.id, { onDelete: 'set null' }),
    ...timestamps(),
  },
  (t) => [uniqueIndex('circulars_plan_period_idx').on(t.planId, t.period)],
);

/**
 * Updates the bot has finished handling. Telegram re-delivers the last batch when the bot
 * restarts before confirming it; those are skipped. An update is recorded only after its
 * handling succeeded, so one cut off by a crash runs again. Rows older than a few days go.
 */
export const processedUpdates = sqliteTable('processed_updates', {
  updateId: integer('update_id').primaryKey(),
  at: integer('at', { mode: 'timestamp_ms' }).notNull(),
});

/**
 * Updates received from Telegram and not yet handled. The runner confirms a batch to Telegram
 * (by asking for the next) while its updates are still being handled, so each batch is written
 * here before it is handled and removed once it was; updates left here by a crash are handled
 * again at the next start. `attempts` counts those restarts, so an update that kills the
 * process every time is given up after a few.
 */
export const updateInbox = sqliteTable('update_inbox', {
  updateId: integer('update_id').primaryKey(),
  update: text('update', { mode: 'json' }).notNull(),
  receivedAt: integer('received_at', { mode: 'timestamp_ms' }).notNull(),
  attempts: integer('attempts').notNull().default(0),
});

/** The state of chat conversations (/report …), so a restart of the bot resumes them. */
export const conversationState = sqliteTable('conversation_state', {
  key: text('key').primaryKey(),
  state: text('state', { mode: 'json' }).notNull(),
  ...timestamps(),
});

// ---------------------------------------------------------------------------- audit

/** Who changed what and when. `actor` is a person, or null for the command line and the system. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
    actorPersonId: integer('actor_person_id').references(() => people.id, { onDelete: 'set null' }),
    /** "cli", "system" or the person's name at the time. */
    actorLabel: text('actor_label').notNull(),
    action: text('action').notNull(),
    subject: text('subject'),
    details: text('details', { mode: 'json' }),
  },
  (t) => [index('audit_log_at_idx').on(t.at)],
);
