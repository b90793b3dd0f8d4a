CREATE INDEX "shares_vacancy_idx" ON "shares" USING btree ("vacancy_id","created_at");--> statement-breakpoint
CREATE INDEX "click_rollups_daily_vacancy_idx" ON "click_rollups_daily" USING btree ("vacancy_id","day");--> statement-breakpoint
CREATE INDEX "conversions_vacancy_idx" ON "conversions" USING btree ("vacancy_id","occurred_at");--> statement-breakpoint
CREATE INDEX "conversions_unlinked_ref_idx" ON "conversions" USING btree ("vacancy_ref") WHERE "conversions"."vacancy_id" is null;