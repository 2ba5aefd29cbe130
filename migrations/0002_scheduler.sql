CREATE TABLE "outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"platform" text NOT NULL,
	"target_kind" text NOT NULL,
	"target_id" text NOT NULL,
	"op" text DEFAULT 'send' NOT NULL,
	"edit_message_id" text,
	"message" jsonb NOT NULL,
	"pin" integer DEFAULT 0 NOT NULL,
	"idempotency_key" text NOT NULL,
	"topic" text,
	"state" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"rate_limited_count" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"lease_until" timestamp with time zone,
	"claim_token" text,
	"last_error" text,
	"sent_message_id" text,
	"sent_chat_id" text,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbox_pace" (
	"platform" text NOT NULL,
	"key" text NOT NULL,
	"recent" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"blocked_until" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "reminder_settings" (
	"complex_id" integer PRIMARY KEY NOT NULL,
	"settings" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "scheduled_effects" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"kind" text NOT NULL,
	"complex_id" integer,
	"due_at" timestamp with time zone NOT NULL,
	"payload" jsonb NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"outcome" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"not_before" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone NOT NULL,
	"done_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "scheduler_cursors" (
	"kind" text PRIMARY KEY NOT NULL,
	"planned_until" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "announcement_acks" (
	"announcement_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "announcement_acks_announcement_id_person_id_pk" PRIMARY KEY("announcement_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "announcements" (
	"id" serial PRIMARY KEY NOT NULL,
	"complex_id" integer,
	"corporation_id" integer,
	"author_person_id" integer,
	"author_name" text NOT NULL,
	"text" text NOT NULL,
	"pin" boolean DEFAULT false NOT NULL,
	"ask_ack" boolean DEFAULT true NOT NULL,
	"send_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone,
	"reping_after_hours" integer DEFAULT 48 NOT NULL,
	"repinged_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "poll_definitions" (
	"id" serial PRIMARY KEY NOT NULL,
	"complex_id" integer NOT NULL,
	"name" text NOT NULL,
	"question" text NOT NULL,
	"options" jsonb NOT NULL,
	"area" text,
	"schedule" text,
	"after_task" text,
	"time" text DEFAULT '10:00' NOT NULL,
	"window_hours" real DEFAULT 72 NOT NULL,
	"threshold" real,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "poll_instances" (
	"id" serial PRIMARY KEY NOT NULL,
	"definition_id" integer NOT NULL,
	"complex_id" integer NOT NULL,
	"period" text NOT NULL,
	"area" text,
	"question" text NOT NULL,
	"options" jsonb NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"vote_count" integer,
	"average" real,
	"counts" jsonb
);
--> statement-breakpoint
CREATE TABLE "poll_posts" (
	"id" serial PRIMARY KEY NOT NULL,
	"instance_id" integer NOT NULL,
	"chat_id" integer NOT NULL,
	"platform" text NOT NULL,
	"platform_chat_id" text NOT NULL,
	"message_id" text NOT NULL,
	"platform_poll_id" text
);
--> statement-breakpoint
CREATE TABLE "poll_votes" (
	"instance_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"option_index" integer NOT NULL,
	"voted_at" timestamp with time zone NOT NULL,
	CONSTRAINT "poll_votes_instance_id_person_id_pk" PRIMARY KEY("instance_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "quality_alerts" (
	"id" serial PRIMARY KEY NOT NULL,
	"complex_id" integer NOT NULL,
	"instance_id" integer NOT NULL,
	"area" text,
	"average" real NOT NULL,
	"threshold" real NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "reminder_settings" ADD CONSTRAINT "reminder_settings_complex_id_complexes_id_fk" FOREIGN KEY ("complex_id") REFERENCES "public"."complexes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "announcement_acks" ADD CONSTRAINT "announcement_acks_announcement_id_announcements_id_fk" FOREIGN KEY ("announcement_id") REFERENCES "public"."announcements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "announcement_acks" ADD CONSTRAINT "announcement_acks_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "announcements" ADD CONSTRAINT "announcements_complex_id_complexes_id_fk" FOREIGN KEY ("complex_id") REFERENCES "public"."complexes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "announcements" ADD CONSTRAINT "announcements_corporation_id_corporations_id_fk" FOREIGN KEY ("corporation_id") REFERENCES "public"."corporations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "announcements" ADD CONSTRAINT "announcements_author_person_id_people_id_fk" FOREIGN KEY ("author_person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poll_definitions" ADD CONSTRAINT "poll_definitions_complex_id_complexes_id_fk" FOREIGN KEY ("complex_id") REFERENCES "public"."complexes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poll_instances" ADD CONSTRAINT "poll_instances_definition_id_poll_definitions_id_fk" FOREIGN KEY ("definition_id") REFERENCES "public"."poll_definitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poll_instances" ADD CONSTRAINT "poll_instances_complex_id_complexes_id_fk" FOREIGN KEY ("complex_id") REFERENCES "public"."complexes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poll_posts" ADD CONSTRAINT "poll_posts_instance_id_poll_instances_id_fk" FOREIGN KEY ("instance_id") REFERENCES "public"."poll_instances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poll_posts" ADD CONSTRAINT "poll_posts_chat_id_chats_id_fk" FOREIGN KEY ("chat_id") REFERENCES "public"."chats"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poll_votes" ADD CONSTRAINT "poll_votes_instance_id_poll_instances_id_fk" FOREIGN KEY ("instance_id") REFERENCES "public"."poll_instances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poll_votes" ADD CONSTRAINT "poll_votes_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_alerts" ADD CONSTRAINT "quality_alerts_complex_id_complexes_id_fk" FOREIGN KEY ("complex_id") REFERENCES "public"."complexes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_alerts" ADD CONSTRAINT "quality_alerts_instance_id_poll_instances_id_fk" FOREIGN KEY ("instance_id") REFERENCES "public"."poll_instances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_idempotency_uq" ON "outbox" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "outbox_due_idx" ON "outbox" USING btree ("next_attempt_at") WHERE state in ('pending', 'sending');--> statement-breakpoint
CREATE INDEX "outbox_target_idx" ON "outbox" USING btree ("platform","target_kind","target_id","id") WHERE state in ('pending', 'sending');--> statement-breakpoint
CREATE INDEX "outbox_topic_idx" ON "outbox" USING btree ("topic");--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_pace_uq" ON "outbox_pace" USING btree ("platform","key");--> statement-breakpoint
CREATE UNIQUE INDEX "scheduled_effects_key_uq" ON "scheduled_effects" USING btree ("key");--> statement-breakpoint
CREATE INDEX "scheduled_effects_due_idx" ON "scheduled_effects" USING btree ("state","due_at");--> statement-breakpoint
CREATE INDEX "announcements_send_idx" ON "announcements" USING btree ("send_at");--> statement-breakpoint
CREATE UNIQUE INDEX "poll_definitions_name_uq" ON "poll_definitions" USING btree ("complex_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "poll_instances_period_uq" ON "poll_instances" USING btree ("definition_id","period");--> statement-breakpoint
CREATE INDEX "poll_instances_area_idx" ON "poll_instances" USING btree ("complex_id","area","opened_at");--> statement-breakpoint
CREATE UNIQUE INDEX "poll_posts_chat_uq" ON "poll_posts" USING btree ("instance_id","chat_id");--> statement-breakpoint
CREATE INDEX "poll_posts_native_idx" ON "poll_posts" USING btree ("platform","platform_poll_id");--> statement-breakpoint
CREATE UNIQUE INDEX "quality_alerts_instance_uq" ON "quality_alerts" USING btree ("instance_id");