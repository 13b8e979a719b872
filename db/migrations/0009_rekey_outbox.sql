-- Outbox keys written before the planner's key change, rewritten to the current forms so that a
-- span planned again after the upgrade (a clock set back) finds what was already planned:
-- reminders `kind|p<person>|r<req>|u<unit>|<period>` become `kind|r<req>|u<unit>|p<person>|<period>`;
-- lead notices `kind|p<person>|r-|u<unit>|<period>@<day>` become `kind|r-|u<unit>|p<person>|@<day>`
-- (one per unit and due day now: where two periods had one each that day, the second keeps its
-- old key, OR IGNORE); a leading group's weekly summary `weekly|g<chat>|plan<id>|<week>` becomes
-- `weekly|plan<id>|<week>`.
UPDATE OR IGNORE `outbox`
SET `key` = `kind` || '|r' || `requirement_id` || '|u' || `unit_id` || '|p' || `person_id` || '|' || `period`
WHERE (`kind` GLOB 'before-*' OR `kind` IN ('due', 'overdue'))
  AND `key` GLOB '*|p[0-9]*|r[0-9]*|u[0-9]*|*'
  AND `requirement_id` IS NOT NULL AND `unit_id` IS NOT NULL AND `person_id` IS NOT NULL AND `period` IS NOT NULL;
--> statement-breakpoint
UPDATE OR IGNORE `outbox`
SET `key` = `kind` || '|r-|u' || `unit_id` || '|p' || `person_id` || '|@' || substr(`key`, instr(`key`, '@') + 1)
WHERE `kind` IN ('overdue-lead', 'no-liaison')
  AND `key` GLOB '*|p[0-9]*|r-|u[0-9]*|*@*'
  AND `unit_id` IS NOT NULL AND `person_id` IS NOT NULL;
--> statement-breakpoint
UPDATE OR IGNORE `outbox`
SET `key` = 'weekly|plan' || json_extract(`payload`, '$.planId') || '|' || `period`
WHERE `kind` = 'weekly-summary' AND `key` GLOB 'weekly|g*|plan*' AND json_extract(`payload`, '$.planId') IS NOT NULL;
