ALTER TABLE `plans` ADD `ends_on` text;--> statement-breakpoint
ALTER TABLE `plans` ADD `archive_when_done` integer;