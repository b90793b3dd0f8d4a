CREATE TABLE "content_gap_snapshots" (
	"day" date NOT NULL,
	"theme_id" uuid NOT NULL,
	"pressure" real NOT NULL,
	"supply" real NOT NULL,
	"need" real NOT NULL,
	"open_vacancies" integer NOT NULL,
	"recent_stories" integer NOT NULL,
	CONSTRAINT "content_gap_snapshots_day_theme_id_pk" PRIMARY KEY("day","theme_id")
);
--> statement-breakpoint
CREATE TABLE "report_subscriptions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"frequency" text NOT NULL,
	"filters" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"recipient_ids" uuid[] NOT NULL,
	"language" text DEFAULT 'en' NOT NULL,
	"created_by" uuid,
	"last_sent_at" timestamp with time zone,
	"last_period" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "api_tokens" ADD COLUMN "scopes" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "content_gap_snapshots" ADD CONSTRAINT "content_gap_snapshots_theme_id_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."themes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_subscriptions" ADD CONSTRAINT "report_subscriptions_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "report_subscriptions_frequency_idx" ON "report_subscriptions" USING btree ("frequency");