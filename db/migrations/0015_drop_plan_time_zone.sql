-- Every plan runs on Shanghai time (core/zone.ts PLAN_ZONE, and the working-day calendar is China's); this column was never read (issue 14).
ALTER TABLE `plans` DROP COLUMN `time_zone`;