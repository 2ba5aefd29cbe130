CREATE TABLE "rota_absences" (
	"id" serial PRIMARY KEY NOT NULL,
	"complex_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"from_date" date NOT NULL,
	"to_date" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rota_absences_order_ck" CHECK ("rota_absences"."from_date" <= "rota_absences"."to_date")
);
--> statement-breakpoint
CREATE TABLE "rota_calendar_tokens" (
	"token" text PRIMARY KEY NOT NULL,
	"complex_id" integer NOT NULL,
	"person_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rota_claims" (
	"id" serial PRIMARY KEY NOT NULL,
	"occurrence_id" integer NOT NULL,
	"slot" integer NOT NULL,
	"person_id" integer NOT NULL,
	"claimed_at" timestamp with time zone NOT NULL,
	"assigned_by" integer,
	"auto" boolean DEFAULT false NOT NULL,
	"released_at" timestamp with time zone,
	"done_at" timestamp with time zone,
	"minutes" integer,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "rota_occurrences" (
	"id" serial PRIMARY KEY NOT NULL,
	"complex_id" integer NOT NULL,
	"task_id" integer NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"people" integer NOT NULL,
	"points" integer NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"done_at" timestamp with time zone,
	"missed_by" integer
);
--> statement-breakpoint
CREATE TABLE "rota_offers" (
	"id" serial PRIMARY KEY NOT NULL,
	"complex_id" integer NOT NULL,
	"claim_id" integer NOT NULL,
	"kind" text NOT NULL,
	"from_person_id" integer NOT NULL,
	"to_person_id" integer,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"accepted_by" integer
);
--> statement-breakpoint
CREATE TABLE "rota_preferences" (
	"complex_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"auto_assign" boolean DEFAULT false NOT NULL,
	CONSTRAINT "rota_preferences_complex_id_person_id_pk" PRIMARY KEY("complex_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "rota_slots" (
	"occurrence_id" integer NOT NULL,
	"slot" integer NOT NULL,
	CONSTRAINT "rota_slots_occurrence_id_slot_pk" PRIMARY KEY("occurrence_id","slot")
);
--> statement-breakpoint
CREATE TABLE "rota_tasks" (
	"id" serial PRIMARY KEY NOT NULL,
	"complex_id" integer NOT NULL,
	"name" text NOT NULL,
	"area" text,
	"description" text,
	"recurrence" text NOT NULL,
	"rrule" text NOT NULL,
	"anchor_date" date NOT NULL,
	"time_of_day" text DEFAULT '10:00' NOT NULL,
	"duration_minutes" integer DEFAULT 60 NOT NULL,
	"people" integer DEFAULT 1 NOT NULL,
	"points" integer DEFAULT 1 NOT NULL,
	"auto_assign_hours_before" real,
	"paused" boolean DEFAULT false NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rota_tasks_people_ck" CHECK ("rota_tasks"."people" between 1 and 20)
);
--> statement-breakpoint
ALTER TABLE "rota_absences" ADD CONSTRAINT "rota_absences_complex_id_complexes_id_fk" FOREIGN KEY ("complex_id") REFERENCES "public"."complexes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rota_absences" ADD CONSTRAINT "rota_absences_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rota_calendar_tokens" ADD CONSTRAINT "rota_calendar_tokens_complex_id_complexes_id_fk" FOREIGN KEY ("complex_id") REFERENCES "public"."complexes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rota_calendar_tokens" ADD CONSTRAINT "rota_calendar_tokens_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rota_claims" ADD CONSTRAINT "rota_claims_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rota_claims" ADD CONSTRAINT "rota_claims_assigned_by_people_id_fk" FOREIGN KEY ("assigned_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rota_claims" ADD CONSTRAINT "rota_claims_occurrence_id_slot_rota_slots_occurrence_id_slot_fk" FOREIGN KEY ("occurrence_id","slot") REFERENCES "public"."rota_slots"("occurrence_id","slot") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rota_occurrences" ADD CONSTRAINT "rota_occurrences_complex_id_complexes_id_fk" FOREIGN KEY ("complex_id") REFERENCES "public"."complexes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rota_occurrences" ADD CONSTRAINT "rota_occurrences_task_id_rota_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."rota_tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rota_occurrences" ADD CONSTRAINT "rota_occurrences_missed_by_people_id_fk" FOREIGN KEY ("missed_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rota_offers" ADD CONSTRAINT "rota_offers_complex_id_complexes_id_fk" FOREIGN KEY ("complex_id") REFERENCES "public"."complexes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rota_offers" ADD CONSTRAINT "rota_offers_claim_id_rota_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."rota_claims"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rota_offers" ADD CONSTRAINT "rota_offers_from_person_id_people_id_fk" FOREIGN KEY ("from_person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rota_offers" ADD CONSTRAINT "rota_offers_to_person_id_people_id_fk" FOREIGN KEY ("to_person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rota_offers" ADD CONSTRAINT "rota_offers_accepted_by_people_id_fk" FOREIGN KEY ("accepted_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rota_preferences" ADD CONSTRAINT "rota_preferences_complex_id_complexes_id_fk" FOREIGN KEY ("complex_id") REFERENCES "public"."complexes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rota_preferences" ADD CONSTRAINT "rota_preferences_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rota_slots" ADD CONSTRAINT "rota_slots_occurrence_id_rota_occurrences_id_fk" FOREIGN KEY ("occurrence_id") REFERENCES "public"."rota_occurrences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rota_tasks" ADD CONSTRAINT "rota_tasks_complex_id_complexes_id_fk" FOREIGN KEY ("complex_id") REFERENCES "public"."complexes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "rota_absences_complex_idx" ON "rota_absences" USING btree ("complex_id","to_date");--> statement-breakpoint
CREATE UNIQUE INDEX "rota_calendar_owner_uq" ON "rota_calendar_tokens" USING btree ("complex_id",coalesce("person_id", 0));--> statement-breakpoint
CREATE UNIQUE INDEX "rota_claims_active_slot_uq" ON "rota_claims" USING btree ("occurrence_id","slot") WHERE "rota_claims"."released_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "rota_claims_active_person_uq" ON "rota_claims" USING btree ("occurrence_id","person_id") WHERE "rota_claims"."released_at" is null;--> statement-breakpoint
CREATE INDEX "rota_claims_person_idx" ON "rota_claims" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "rota_occurrences_task_due_uq" ON "rota_occurrences" USING btree ("task_id","due_at");--> statement-breakpoint
CREATE INDEX "rota_occurrences_complex_due_idx" ON "rota_occurrences" USING btree ("complex_id","due_at");--> statement-breakpoint
CREATE UNIQUE INDEX "rota_offers_open_claim_uq" ON "rota_offers" USING btree ("claim_id") WHERE "rota_offers"."status" = 'open';--> statement-breakpoint
CREATE UNIQUE INDEX "rota_tasks_complex_name_uq" ON "rota_tasks" USING btree ("complex_id",lower("name"));