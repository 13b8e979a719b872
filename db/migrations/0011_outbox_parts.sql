ALTER TABLE `outbox` ADD `parts` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `parts_sent` integer DEFAULT 0 NOT NULL;