CREATE TABLE "click_rollups_daily" (
	"day" date NOT NULL,
	"share_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"item_type" text NOT NULL,
	"story_id" uuid,
	"campaign_id" uuid,
	"network" text NOT NULL,
	"audience_id" uuid,
	"department_id" uuid,
	"persona_key" text,
	"human_clicks" integer DEFAULT 0 NOT NULL,
	"unique_clicks" integer DEFAULT 0 NOT NULL,
	"visitors" integer DEFAULT 0 NOT NULL,
	"previews" integer DEFAULT 0 NOT NULL,
	"bot_clicks" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "click_rollups_daily_day_share_id_pk" PRIMARY KEY("day","share_id")
);
--> statement-breakpoint
CREATE TABLE "click_rollups_hourly" (
	"hour" timestamp with time zone NOT NULL,
	"share_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"item_type" text NOT NULL,
	"story_id" uuid,
	"campaign_id" uuid,
	"network" text NOT NULL,
	"audience_id" uuid,
	"department_id" uuid,
	"persona_key" text,
	"human_clicks" integer DEFAULT 0 NOT NULL,
	"unique_clicks" integer DEFAULT 0 NOT NULL,
	"visitors" integer DEFAULT 0 NOT NULL,
	"previews" integer DEFAULT 0 NOT NULL,
	"bot_clicks" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "click_rollups_hourly_hour_share_id_pk" PRIMARY KEY("hour","share_id")
);
--> statement-breakpoint
CREATE TABLE "conversion_touchpoints" (
	"conversion_id" uuid NOT NULL,
	"click_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"share_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"item_type" text NOT NULL,
	"story_id" uuid,
	"campaign_id" uuid,
	"network" text NOT NULL,
	"audience_id" uuid,
	"department_id" uuid,
	"persona_key" text,
	"credit_first" real NOT NULL,
	"credit_last" real NOT NULL,
	"credit_linear" real NOT NULL,
	CONSTRAINT "conversion_touchpoints_conversion_id_click_id_pk" PRIMARY KEY("conversion_id","click_id")
);
--> statement-breakpoint
CREATE TABLE "conversions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"external_id" text NOT NULL,
	"type" text NOT NULL,
	"source" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"vacancy_id" uuid,
	"vacancy_ref" text,
	"reported_click_ids" uuid[] NOT NULL,
	"touchpoint_count" integer NOT NULL,
	"first_touch_at" timestamp with time zone,
	"last_touch_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "visitor_salts" (
	"day" date PRIMARY KEY NOT NULL,
	"salt" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
DROP INDEX "clicks_link_idx";--> statement-breakpoint
DROP INDEX "clicks_share_idx";--> statement-breakpoint
ALTER TABLE "shares" ADD COLUMN "persona_key" text;--> statement-breakpoint
ALTER TABLE "conversion_touchpoints" ADD CONSTRAINT "conversion_touchpoints_conversion_id_conversions_id_fk" FOREIGN KEY ("conversion_id") REFERENCES "public"."conversions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "click_rollups_daily_share_idx" ON "click_rollups_daily" USING btree ("share_id","day");--> statement-breakpoint
CREATE INDEX "click_rollups_daily_story_idx" ON "click_rollups_daily" USING btree ("story_id","day");--> statement-breakpoint
CREATE INDEX "click_rollups_daily_person_idx" ON "click_rollups_daily" USING btree ("person_id","day");--> statement-breakpoint
CREATE INDEX "click_rollups_daily_campaign_idx" ON "click_rollups_daily" USING btree ("campaign_id","day");--> statement-breakpoint
CREATE INDEX "click_rollups_hourly_story_idx" ON "click_rollups_hourly" USING btree ("story_id","hour");--> statement-breakpoint
CREATE INDEX "conversion_touchpoints_share_idx" ON "conversion_touchpoints" USING btree ("share_id");--> statement-breakpoint
CREATE INDEX "conversion_touchpoints_story_idx" ON "conversion_touchpoints" USING btree ("story_id");--> statement-breakpoint
CREATE INDEX "conversion_touchpoints_person_idx" ON "conversion_touchpoints" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "conversion_touchpoints_campaign_idx" ON "conversion_touchpoints" USING btree ("campaign_id");--> statement-breakpoint
CREATE UNIQUE INDEX "conversions_external_key" ON "conversions" USING btree ("external_id");--> statement-breakpoint
CREATE INDEX "conversions_occurred_idx" ON "conversions" USING btree ("occurred_at");--> statement-breakpoint
CREATE INDEX "conversions_type_idx" ON "conversions" USING btree ("type","occurred_at");--> statement-breakpoint
CREATE INDEX "clicks_link_visitor_idx" ON "clicks" USING btree ("link_code","visitor_hash","occurred_at");--> statement-breakpoint
CREATE INDEX "clicks_occurred_idx" ON "clicks" USING btree ("occurred_at");--> statement-breakpoint
-- Rollup rows are updated in place many times a day: room on each page lets PostgreSQL do that without touching the indexes (HOT updates).
ALTER TABLE "click_rollups_hourly" SET (fillfactor = 70);--> statement-breakpoint
ALTER TABLE "click_rollups_daily" SET (fillfactor = 70);
