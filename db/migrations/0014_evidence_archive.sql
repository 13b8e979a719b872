CREATE TABLE `stored_files` (
	`sha256` text PRIMARY KEY NOT NULL,
	`size` integer NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_evidence` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`report_id` integer NOT NULL,
	`kind` text NOT NULL,
	`file_id` text,
	`file_unique_id` text NOT NULL,
	`text` text,
	`file_name` text,
	`mime_type` text,
	`size` integer,
	`added_by` integer,
	`sha256` text,
	`archive_attempts` integer DEFAULT 0 NOT NULL,
	`archive_error` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`added_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`sha256`) REFERENCES `stored_files`(`sha256`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_evidence`("id", "report_id", "kind", "file_id", "file_unique_id", "file_name", "mime_type", "size", "created_at", "updated_at") SELECT "id", "report_id", "kind", "file_id", "file_unique_id", "file_name", "mime_type", "size", "created_at", "updated_at" FROM `evidence`;--> statement-breakpoint
DROP TABLE `evidence`;--> statement-breakpoint
ALTER TABLE `__new_evidence` RENAME TO `evidence`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `evidence_report_file_idx` ON `evidence` (`report_id`,`file_unique_id`);--> statement-breakpoint
CREATE INDEX `evidence_unarchived_idx` ON `evidence` (`sha256`);