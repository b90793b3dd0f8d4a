CREATE TABLE "activity_daily" (
	"person_id" uuid NOT NULL,
	"day" date NOT NULL,
	"feed_visits" integer DEFAULT 0 NOT NULL,
	"story_reads" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "activity_daily_person_id_day_pk" PRIMARY KEY("person_id","day")
);
--> statement-breakpoint
CREATE TABLE "digests" (
	"person_id" uuid NOT NULL,
	"week" date NOT NULL,
	"story_ids" uuid[] NOT NULL,
	"impact" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text NOT NULL,
	"prepared_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "digests_person_id_week_pk" PRIMARY KEY("person_id","week")
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"nudge_id" uuid,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"url" text,
	"created_at" timestamp with time zone NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "nudge_templates" (
	"id" uuid PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"trigger" text NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"personas" text[] NOT NULL,
	"channel" text NOT NULL,
	"texts" jsonb NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"holdout_percent" integer DEFAULT 10 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "nudges" (
	"id" uuid PRIMARY KEY NOT NULL,
	"template_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"persona" text NOT NULL,
	"send_key" text NOT NULL,
	"channel" text NOT NULL,
	"subject_type" text,
	"subject_id" text,
	"variables" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"holdout" boolean DEFAULT false NOT NULL,
	"status" text NOT NULL,
	"reason" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"scheduled_for" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone,
	"opened_at" timestamp with time zone,
	"clicked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "person_personas" (
	"person_id" uuid PRIMARY KEY NOT NULL,
	"persona" text NOT NULL,
	"since" timestamp with time zone NOT NULL,
	"scores" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"signals" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"reasons" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"challenger" text,
	"challenger_wins" integer DEFAULT 0 NOT NULL,
	"computed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "persona_assessments" (
	"person_id" uuid PRIMARY KEY NOT NULL,
	"answers" jsonb NOT NULL,
	"answered_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "persona_history" (
	"person_id" uuid NOT NULL,
	"week" date NOT NULL,
	"persona" text NOT NULL,
	CONSTRAINT "persona_history_person_id_week_pk" PRIMARY KEY("person_id","week")
);
--> statement-breakpoint
CREATE TABLE "push_subscriptions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"endpoint" text NOT NULL,
	"p256dh" text NOT NULL,
	"auth" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"last_success_at" timestamp with time zone,
	"failures" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "left_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "alumni_joined_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "nudge_mail_unsubscribed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "digest_unsubscribed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "activity_daily" ADD CONSTRAINT "activity_daily_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "digests" ADD CONSTRAINT "digests_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_nudge_id_nudges_id_fk" FOREIGN KEY ("nudge_id") REFERENCES "public"."nudges"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nudges" ADD CONSTRAINT "nudges_template_id_nudge_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."nudge_templates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nudges" ADD CONSTRAINT "nudges_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_personas" ADD CONSTRAINT "person_personas_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "persona_assessments" ADD CONSTRAINT "persona_assessments_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "persona_history" ADD CONSTRAINT "persona_history_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "push_subscriptions" ADD CONSTRAINT "push_subscriptions_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activity_daily_day_idx" ON "activity_daily" USING btree ("day");--> statement-breakpoint
CREATE INDEX "digests_week_status_idx" ON "digests" USING btree ("week","status");--> statement-breakpoint
CREATE INDEX "notifications_person_idx" ON "notifications" USING btree ("person_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "nudge_templates_key_key" ON "nudge_templates" USING btree ("key");--> statement-breakpoint
CREATE UNIQUE INDEX "nudges_send_key" ON "nudges" USING btree ("send_key");--> statement-breakpoint
CREATE INDEX "nudges_person_idx" ON "nudges" USING btree ("person_id","created_at");--> statement-breakpoint
CREATE INDEX "nudges_template_idx" ON "nudges" USING btree ("template_id","created_at");--> statement-breakpoint
CREATE INDEX "nudges_status_idx" ON "nudges" USING btree ("status","scheduled_for");--> statement-breakpoint
CREATE INDEX "person_personas_persona_idx" ON "person_personas" USING btree ("persona");--> statement-breakpoint
CREATE INDEX "persona_history_week_idx" ON "persona_history" USING btree ("week");--> statement-breakpoint
CREATE UNIQUE INDEX "push_subscriptions_endpoint_key" ON "push_subscriptions" USING btree ("endpoint");--> statement-breakpoint
CREATE INDEX "push_subscriptions_person_idx" ON "push_subscriptions" USING btree ("person_id");