DROP INDEX `purchases_product_idx`;--> statement-breakpoint
CREATE INDEX `purchases_product_idx` ON `purchases` (`product_id`,`unit`,`quantity_delivered`,`quantity_ordered`,`total_fen`);