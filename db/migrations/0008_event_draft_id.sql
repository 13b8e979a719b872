ALTER TABLE `events` ADD `draft_id` text;--> statement-breakpoint
CREATE UNIQUE INDEX `events_draft_id_idx` ON `events` (`draft_id`);