DROP INDEX `outbox_status_send_after_idx`;--> statement-breakpoint
CREATE INDEX `outbox_dispatch_order_idx` ON `outbox` (`status`,`send_after`,`chat_id`,`kind`,`due_at`);