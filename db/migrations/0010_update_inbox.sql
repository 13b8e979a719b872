CREATE TABLE `update_inbox` (
	`update_id` integer PRIMARY KEY NOT NULL,
	`update` text NOT NULL,
	`received_at` integer NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL
);
