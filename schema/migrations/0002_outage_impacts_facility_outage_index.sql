DROP INDEX "outage_impacts_facility_idx";--> statement-breakpoint
CREATE INDEX "outage_impacts_facility_outage_idx" ON "outage_impacts" USING btree ("facility_id","outage_id");