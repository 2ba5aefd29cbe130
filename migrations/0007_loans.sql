CREATE TABLE "loan_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"complex_id" integer NOT NULL,
	"kind" text DEFAULT 'tool' NOT NULL,
	"name" text NOT NULL,
	"aliases" text[] DEFAULT '{}'::text[] NOT NULL,
	"location" text,
	"loan_hours" real DEFAULT 24 NOT NULL,
	"needs_approval" boolean DEFAULT false NOT NULL,
	"condition" text DEFAULT 'ok' NOT NULL,
	"condition_note" text,
	"sticker_token" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "loan_items_hours_ck" CHECK ("loan_items"."loan_hours" > 0)
);
--> statement-breakpoint
CREATE TABLE "loan_requests" (
	"id" serial PRIMARY KEY NOT NULL,
	"complex_id" integer NOT NULL,
	"item_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"decision" text,
	"decided_by" integer,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "loan_reservations" (
	"id" serial PRIMARY KEY NOT NULL,
	"complex_id" integer NOT NULL,
	"item_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"cancelled_at" timestamp with time zone,
	CONSTRAINT "loan_reservations_window_ck" CHECK ("loan_reservations"."ends_at" > "loan_reservations"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "loan_waitlist" (
	"id" serial PRIMARY KEY NOT NULL,
	"complex_id" integer NOT NULL,
	"item_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"notified_at" timestamp with time zone,
	"hold_until" timestamp with time zone,
	"done_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "loans" (
	"id" serial PRIMARY KEY NOT NULL,
	"complex_id" integer NOT NULL,
	"item_id" integer NOT NULL,
	"borrower_person_id" integer NOT NULL,
	"out_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"occurrence_id" integer,
	"approved_by" integer,
	"renewals" integer DEFAULT 0 NOT NULL,
	"handover_to" integer,
	"returned_at" timestamp with time zone,
	"return_condition" text,
	"return_note" text,
	"returned_by" integer
);
--> statement-breakpoint
ALTER TABLE "loan_items" ADD CONSTRAINT "loan_items_complex_id_complexes_id_fk" FOREIGN KEY ("complex_id") REFERENCES "public"."complexes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loan_requests" ADD CONSTRAINT "loan_requests_complex_id_complexes_id_fk" FOREIGN KEY ("complex_id") REFERENCES "public"."complexes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loan_requests" ADD CONSTRAINT "loan_requests_item_id_loan_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."loan_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loan_requests" ADD CONSTRAINT "loan_requests_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loan_requests" ADD CONSTRAINT "loan_requests_decided_by_people_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loan_reservations" ADD CONSTRAINT "loan_reservations_complex_id_complexes_id_fk" FOREIGN KEY ("complex_id") REFERENCES "public"."complexes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loan_reservations" ADD CONSTRAINT "loan_reservations_item_id_loan_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."loan_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loan_reservations" ADD CONSTRAINT "loan_reservations_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loan_waitlist" ADD CONSTRAINT "loan_waitlist_complex_id_complexes_id_fk" FOREIGN KEY ("complex_id") REFERENCES "public"."complexes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loan_waitlist" ADD CONSTRAINT "loan_waitlist_item_id_loan_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."loan_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loan_waitlist" ADD CONSTRAINT "loan_waitlist_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_complex_id_complexes_id_fk" FOREIGN KEY ("complex_id") REFERENCES "public"."complexes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_item_id_loan_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."loan_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_borrower_person_id_people_id_fk" FOREIGN KEY ("borrower_person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_occurrence_id_rota_occurrences_id_fk" FOREIGN KEY ("occurrence_id") REFERENCES "public"."rota_occurrences"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_approved_by_people_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_handover_to_people_id_fk" FOREIGN KEY ("handover_to") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_returned_by_people_id_fk" FOREIGN KEY ("returned_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "loan_items_complex_name_uq" ON "loan_items" USING btree ("complex_id",lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "loan_items_sticker_uq" ON "loan_items" USING btree ("sticker_token");--> statement-breakpoint
CREATE UNIQUE INDEX "loan_requests_one_open_uq" ON "loan_requests" USING btree ("item_id","person_id") WHERE "loan_requests"."decision" is null;--> statement-breakpoint
CREATE INDEX "loan_reservations_item_idx" ON "loan_reservations" USING btree ("item_id","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "loan_waitlist_active_uq" ON "loan_waitlist" USING btree ("item_id","person_id") WHERE "loan_waitlist"."done_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "loans_one_open_per_item_uq" ON "loans" USING btree ("item_id") WHERE "loans"."returned_at" is null;--> statement-breakpoint
CREATE INDEX "loans_borrower_idx" ON "loans" USING btree ("borrower_person_id");--> statement-breakpoint
CREATE INDEX "loans_open_due_idx" ON "loans" USING btree ("due_at") WHERE "loans"."returned_at" is null;