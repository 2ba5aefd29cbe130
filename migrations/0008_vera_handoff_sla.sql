CREATE TABLE "corporation_sla" (
	"corporation_id" integer NOT NULL,
	"category" text NOT NULL,
	"acknowledge_hours" integer NOT NULL,
	"resolve_hours" integer NOT NULL,
	"business_start" text,
	"business_end" text,
	CONSTRAINT "corporation_sla_corporation_id_category_pk" PRIMARY KEY("corporation_id","category")
);
--> statement-breakpoint
CREATE TABLE "vera_endpoints" (
	"corporation_id" integer PRIMARY KEY NOT NULL,
	"base_url" text NOT NULL,
	"token_url" text NOT NULL,
	"client_id" text NOT NULL,
	"client_secret" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vera_handoffs" (
	"id" serial PRIMARY KEY NOT NULL,
	"report_id" integer NOT NULL,
	"corporation_id" integer NOT NULL,
	"id_extern" text NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"step" integer DEFAULT 0 NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_at" timestamp with time zone NOT NULL,
	"verzoek_id" text,
	"last_status" text,
	"last_error" text,
	"created_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "corporation_sla" ADD CONSTRAINT "corporation_sla_corporation_id_corporations_id_fk" FOREIGN KEY ("corporation_id") REFERENCES "public"."corporations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vera_endpoints" ADD CONSTRAINT "vera_endpoints_corporation_id_corporations_id_fk" FOREIGN KEY ("corporation_id") REFERENCES "public"."corporations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vera_handoffs" ADD CONSTRAINT "vera_handoffs_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vera_handoffs" ADD CONSTRAINT "vera_handoffs_corporation_id_corporations_id_fk" FOREIGN KEY ("corporation_id") REFERENCES "public"."corporations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "vera_handoffs_id_extern_uq" ON "vera_handoffs" USING btree ("id_extern");--> statement-breakpoint
CREATE INDEX "vera_handoffs_due_idx" ON "vera_handoffs" USING btree ("next_at") WHERE state in ('pending', 'sent');