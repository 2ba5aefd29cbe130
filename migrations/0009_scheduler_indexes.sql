DROP INDEX "scheduled_effects_due_idx";--> statement-breakpoint
CREATE INDEX "rota_occurrences_due_idx" ON "rota_occurrences" USING btree ("due_at");--> statement-breakpoint
CREATE INDEX "scheduled_effects_due_idx" ON "scheduled_effects" USING btree ("state","due_at","id");