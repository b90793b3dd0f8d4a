CREATE TABLE "clicks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"link_code" text NOT NULL,
	"share_id" uuid NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"bot" boolean NOT NULL,
	"kind" text NOT NULL,
	"device" text,
	"referrer_host" text,
	"visitor_hash" text,
	"unique_click" boolean
);
--> statement-breakpoint
CREATE TABLE "links" (
	"code" text PRIMARY KEY NOT NULL,
	"share_id" uuid NOT NULL,
	"item_type" text NOT NULL,
	"story_id" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shares" (
	"id" uuid PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"item_type" text NOT NULL,
	"story_id" uuid,
	"network" text NOT NULL,
	"audience_id" uuid,
	"text" text NOT NULL,
	"personalised" boolean NOT NULL,
	"similarity" real NOT NULL,
	"disclosure_added" boolean DEFAULT true NOT NULL,
	"campaign_id" uuid,
	"department_id" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audiences" (
	"id" uuid PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"name_nl" text NOT NULL,
	"name_en" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "campaign_stories" (
	"campaign_id" uuid NOT NULL,
	"story_id" uuid NOT NULL,
	CONSTRAINT "campaign_stories_campaign_id_story_id_pk" PRIMARY KEY("campaign_id","story_id")
);
--> statement-breakpoint
CREATE TABLE "campaign_target_groups" (
	"campaign_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	CONSTRAINT "campaign_target_groups_campaign_id_group_id_pk" PRIMARY KEY("campaign_id","group_id")
);
--> statement-breakpoint
CREATE TABLE "campaigns" (
	"id" uuid PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"goal" text NOT NULL,
	"theme_id" uuid,
	"description" text DEFAULT '' NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "images" (
	"id" uuid PRIMARY KEY NOT NULL,
	"original_key" text NOT NULL,
	"share_key" text NOT NULL,
	"mime_type" text NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"bytes" integer NOT NULL,
	"alt_text" text DEFAULT '' NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "newsroom_feeds" (
	"id" uuid PRIMARY KEY NOT NULL,
	"url" text NOT NULL,
	"name" text NOT NULL,
	"language" text DEFAULT 'nl' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"last_fetched_at" timestamp with time zone,
	"last_error" text,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "share_suggestions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"variant_id" uuid NOT NULL,
	"network" text NOT NULL,
	"text" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stories" (
	"id" uuid PRIMARY KEY NOT NULL,
	"translation_group_id" uuid NOT NULL,
	"language" text NOT NULL,
	"format" text NOT NULL,
	"status" text NOT NULL,
	"title" text NOT NULL,
	"slug" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"body_markdown" text DEFAULT '' NOT NULL,
	"hero_image_id" uuid,
	"author_id" uuid,
	"submitted_by" uuid,
	"assigned_to" uuid,
	"external_url" text,
	"publish_at" timestamp with time zone,
	"expire_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"archived_at" timestamp with time zone,
	"planned_for" date,
	"newsroom_feed_id" uuid,
	"newsroom_guid" text,
	"revision" integer DEFAULT 1 NOT NULL,
	"search_vector" "tsvector" GENERATED ALWAYS AS (to_tsvector(case when language = 'nl' then 'dutch'::regconfig else 'english'::regconfig end, coalesce(title, '') || ' ' || coalesce(summary, '') || ' ' || coalesce(body_markdown, ''))) STORED,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "story_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"story_id" uuid NOT NULL,
	"actor_id" uuid,
	"kind" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"comment" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "story_featured" (
	"story_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"quote" text DEFAULT '' NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"approval" text DEFAULT 'not_requested' NOT NULL,
	"approval_comment" text,
	"requested_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	CONSTRAINT "story_featured_story_id_person_id_pk" PRIMARY KEY("story_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "story_target_groups" (
	"story_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	CONSTRAINT "story_target_groups_story_id_group_id_pk" PRIMARY KEY("story_id","group_id")
);
--> statement-breakpoint
CREATE TABLE "story_themes" (
	"story_id" uuid NOT NULL,
	"theme_id" uuid NOT NULL,
	CONSTRAINT "story_themes_story_id_theme_id_pk" PRIMARY KEY("story_id","theme_id")
);
--> statement-breakpoint
CREATE TABLE "story_variants" (
	"id" uuid PRIMARY KEY NOT NULL,
	"story_id" uuid NOT NULL,
	"audience_id" uuid NOT NULL,
	"headline" text NOT NULL,
	"teaser" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "themes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"name_nl" text NOT NULL,
	"name_en" text NOT NULL,
	"description" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "links" ADD CONSTRAINT "links_share_id_shares_id_fk" FOREIGN KEY ("share_id") REFERENCES "public"."shares"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "links" ADD CONSTRAINT "links_story_id_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."stories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shares" ADD CONSTRAINT "shares_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shares" ADD CONSTRAINT "shares_story_id_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."stories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shares" ADD CONSTRAINT "shares_audience_id_audiences_id_fk" FOREIGN KEY ("audience_id") REFERENCES "public"."audiences"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shares" ADD CONSTRAINT "shares_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shares" ADD CONSTRAINT "shares_department_id_groups_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."groups"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_stories" ADD CONSTRAINT "campaign_stories_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_stories" ADD CONSTRAINT "campaign_stories_story_id_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."stories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_target_groups" ADD CONSTRAINT "campaign_target_groups_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_target_groups" ADD CONSTRAINT "campaign_target_groups_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_theme_id_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."themes"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "images" ADD CONSTRAINT "images_uploaded_by_people_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "newsroom_feeds" ADD CONSTRAINT "newsroom_feeds_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "share_suggestions" ADD CONSTRAINT "share_suggestions_variant_id_story_variants_id_fk" FOREIGN KEY ("variant_id") REFERENCES "public"."story_variants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stories" ADD CONSTRAINT "stories_hero_image_id_images_id_fk" FOREIGN KEY ("hero_image_id") REFERENCES "public"."images"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stories" ADD CONSTRAINT "stories_author_id_people_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stories" ADD CONSTRAINT "stories_submitted_by_people_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stories" ADD CONSTRAINT "stories_assigned_to_people_id_fk" FOREIGN KEY ("assigned_to") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stories" ADD CONSTRAINT "stories_newsroom_feed_id_newsroom_feeds_id_fk" FOREIGN KEY ("newsroom_feed_id") REFERENCES "public"."newsroom_feeds"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_events" ADD CONSTRAINT "story_events_story_id_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."stories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_events" ADD CONSTRAINT "story_events_actor_id_people_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_featured" ADD CONSTRAINT "story_featured_story_id_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."stories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_featured" ADD CONSTRAINT "story_featured_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_target_groups" ADD CONSTRAINT "story_target_groups_story_id_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."stories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_target_groups" ADD CONSTRAINT "story_target_groups_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_themes" ADD CONSTRAINT "story_themes_story_id_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."stories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_themes" ADD CONSTRAINT "story_themes_theme_id_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."themes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_variants" ADD CONSTRAINT "story_variants_story_id_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."stories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_variants" ADD CONSTRAINT "story_variants_audience_id_audiences_id_fk" FOREIGN KEY ("audience_id") REFERENCES "public"."audiences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "clicks_link_idx" ON "clicks" USING btree ("link_code","occurred_at");--> statement-breakpoint
CREATE INDEX "clicks_share_idx" ON "clicks" USING btree ("share_id","occurred_at");--> statement-breakpoint
CREATE UNIQUE INDEX "links_share_key" ON "links" USING btree ("share_id");--> statement-breakpoint
CREATE INDEX "shares_person_idx" ON "shares" USING btree ("person_id","created_at");--> statement-breakpoint
CREATE INDEX "shares_story_idx" ON "shares" USING btree ("story_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "audiences_key_key" ON "audiences" USING btree ("key");--> statement-breakpoint
CREATE INDEX "campaign_stories_story_idx" ON "campaign_stories" USING btree ("story_id");--> statement-breakpoint
CREATE UNIQUE INDEX "campaigns_slug_key" ON "campaigns" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "share_suggestions_variant_idx" ON "share_suggestions" USING btree ("variant_id","network");--> statement-breakpoint
CREATE UNIQUE INDEX "stories_slug_key" ON "stories" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "stories_status_idx" ON "stories" USING btree ("status","published_at");--> statement-breakpoint
CREATE INDEX "stories_translation_idx" ON "stories" USING btree ("translation_group_id");--> statement-breakpoint
CREATE INDEX "stories_search_idx" ON "stories" USING gin ("search_vector");--> statement-breakpoint
CREATE UNIQUE INDEX "stories_newsroom_key" ON "stories" USING btree ("newsroom_feed_id","newsroom_guid");--> statement-breakpoint
CREATE INDEX "story_events_story_idx" ON "story_events" USING btree ("story_id","at");--> statement-breakpoint
CREATE INDEX "story_featured_person_idx" ON "story_featured" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "story_target_groups_group_idx" ON "story_target_groups" USING btree ("group_id");--> statement-breakpoint
CREATE INDEX "story_themes_theme_idx" ON "story_themes" USING btree ("theme_id");--> statement-breakpoint
CREATE UNIQUE INDEX "story_variants_story_audience_key" ON "story_variants" USING btree ("story_id","audience_id");--> statement-breakpoint
CREATE UNIQUE INDEX "themes_key_key" ON "themes" USING btree ("key");