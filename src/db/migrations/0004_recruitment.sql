CREATE TABLE "theme_rules" (
	"id" uuid PRIMARY KEY NOT NULL,
	"theme_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"department_id" uuid,
	"keyword" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vacancies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"source_id" uuid,
	"external_id" text,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"department_name" text,
	"department_id" uuid,
	"location" text,
	"employment_type" text,
	"description_html" text DEFAULT '' NOT NULL,
	"apply_url" text,
	"openings" integer DEFAULT 1 NOT NULL,
	"language" text,
	"status" text DEFAULT 'open' NOT NULL,
	"urgency" text DEFAULT 'normal' NOT NULL,
	"themes_overridden" boolean DEFAULT false NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vacancy_sources" (
	"id" uuid PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"name" text NOT NULL,
	"url" text,
	"active" boolean DEFAULT true NOT NULL,
	"sync_interval_minutes" integer DEFAULT 60 NOT NULL,
	"last_synced_at" timestamp with time zone,
	"last_error" text,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vacancy_syncs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"source_id" uuid NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"status" text NOT NULL,
	"added" integer DEFAULT 0 NOT NULL,
	"updated" integer DEFAULT 0 NOT NULL,
	"closed" integer DEFAULT 0 NOT NULL,
	"failed" integer DEFAULT 0 NOT NULL,
	"problems" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"error" text,
	"triggered_by" uuid
);
--> statement-breakpoint
CREATE TABLE "vacancy_themes" (
	"vacancy_id" uuid NOT NULL,
	"theme_id" uuid NOT NULL,
	CONSTRAINT "vacancy_themes_vacancy_id_theme_id_pk" PRIMARY KEY("vacancy_id","theme_id")
);
--> statement-breakpoint
ALTER TABLE "links" ADD COLUMN "vacancy_id" uuid;--> statement-breakpoint
ALTER TABLE "shares" ADD COLUMN "vacancy_id" uuid;--> statement-breakpoint
ALTER TABLE "click_rollups_daily" ADD COLUMN "vacancy_id" uuid;--> statement-breakpoint
ALTER TABLE "click_rollups_hourly" ADD COLUMN "vacancy_id" uuid;--> statement-breakpoint
ALTER TABLE "conversion_touchpoints" ADD COLUMN "vacancy_id" uuid;--> statement-breakpoint
ALTER TABLE "theme_rules" ADD CONSTRAINT "theme_rules_theme_id_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."themes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "theme_rules" ADD CONSTRAINT "theme_rules_department_id_groups_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vacancies" ADD CONSTRAINT "vacancies_source_id_vacancy_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."vacancy_sources"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vacancies" ADD CONSTRAINT "vacancies_department_id_groups_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."groups"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vacancy_sources" ADD CONSTRAINT "vacancy_sources_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vacancy_syncs" ADD CONSTRAINT "vacancy_syncs_source_id_vacancy_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."vacancy_sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vacancy_syncs" ADD CONSTRAINT "vacancy_syncs_triggered_by_people_id_fk" FOREIGN KEY ("triggered_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vacancy_themes" ADD CONSTRAINT "vacancy_themes_vacancy_id_vacancies_id_fk" FOREIGN KEY ("vacancy_id") REFERENCES "public"."vacancies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vacancy_themes" ADD CONSTRAINT "vacancy_themes_theme_id_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."themes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "theme_rules_theme_idx" ON "theme_rules" USING btree ("theme_id");--> statement-breakpoint
CREATE UNIQUE INDEX "vacancies_source_external_key" ON "vacancies" USING btree ("source_id","external_id");--> statement-breakpoint
CREATE UNIQUE INDEX "vacancies_slug_key" ON "vacancies" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "vacancies_status_idx" ON "vacancies" USING btree ("status","opened_at");--> statement-breakpoint
CREATE UNIQUE INDEX "vacancy_sources_url_key" ON "vacancy_sources" USING btree ("type","url");--> statement-breakpoint
CREATE INDEX "vacancy_syncs_source_idx" ON "vacancy_syncs" USING btree ("source_id","started_at");--> statement-breakpoint
CREATE INDEX "vacancy_themes_theme_idx" ON "vacancy_themes" USING btree ("theme_id");--> statement-breakpoint
ALTER TABLE "links" ADD CONSTRAINT "links_vacancy_id_vacancies_id_fk" FOREIGN KEY ("vacancy_id") REFERENCES "public"."vacancies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shares" ADD CONSTRAINT "shares_vacancy_id_vacancies_id_fk" FOREIGN KEY ("vacancy_id") REFERENCES "public"."vacancies"("id") ON DELETE no action ON UPDATE no action;