CREATE TABLE "inbound_updates" (
	"platform" text NOT NULL,
	"update_id" bigint NOT NULL,
	"payload" jsonb NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inbound_updates_platform_update_id_pk" PRIMARY KEY("platform","update_id")
);
