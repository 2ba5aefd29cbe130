DROP INDEX "rota_occurrences_due_idx";--> statement-breakpoint
CREATE INDEX "poll_instances_open_closes_idx" ON "poll_instances" USING btree ("closes_at","id") WHERE "poll_instances"."closed_at" is null;--> statement-breakpoint
CREATE INDEX "rota_occurrences_due_idx" ON "rota_occurrences" USING btree ("due_at","id");