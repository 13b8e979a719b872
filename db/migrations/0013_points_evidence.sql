ALTER TABLE `requirements` ADD `evidence` text;--> statement-breakpoint
ALTER TABLE `tasks` ADD `points` real;