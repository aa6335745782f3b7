CREATE TABLE "outage_facility_totals" (
	"facility_id" integer PRIMARY KEY NOT NULL,
	"hits" integer NOT NULL,
	"weight_sum" double precision NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outage_vendor_totals" (
	"vendor_id" integer PRIMARY KEY NOT NULL,
	"hits" integer NOT NULL,
	"weight_sum" double precision NOT NULL
);
--> statement-breakpoint
CREATE INDEX "outage_facility_hits_facility_cover_idx" ON "outage_facility_hits" USING btree ("facility_id","outage_id","severity","started_at");--> statement-breakpoint
CREATE INDEX "outage_vendor_hits_vendor_cover_idx" ON "outage_vendor_hits" USING btree ("vendor_id","outage_id","severity","started_at");--> statement-breakpoint
CREATE INDEX "outage_facility_hits_started_idx" ON "outage_facility_hits" USING btree ("started_at","facility_id","severity");--> statement-breakpoint
CREATE INDEX "outage_vendor_hits_started_idx" ON "outage_vendor_hits" USING btree ("started_at","vendor_id","severity");--> statement-breakpoint
-- outage_facility_totals / outage_vendor_totals (schema/db/summaries.ts): per facility and per vendor,
-- the number of hits and the sum of their weights at the reference day 2000-01-01. A hit's weight at D
-- is severity/5 · 0.5^(days from its start to D / 365) (src/indices/risk/parameters.ts: SEVERITY_MAX 5,
-- OUTAGE_HALF_LIFE_DAYS 365), i.e. its weight at 2000-01-01 scaled by 2^(−days from 2000-01-01 to D / 365):
-- the sum does not depend on D. Days are UTC days.
CREATE OR REPLACE FUNCTION hyperscope_outage_epoch_weight(severity smallint, started_at timestamptz) RETURNS float8
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT severity::float8 / 5 * power(2::float8, ((started_at AT TIME ZONE 'UTC')::date - date '2000-01-01') / 365::float8) $$;
--> statement-breakpoint
-- Refresh the totals of the given facilities (vendors) from their hits: deleted and recomputed, under
-- the advisory lock of migration 0006 (the hit tables are only written under it).
CREATE OR REPLACE FUNCTION hyperscope_refresh_outage_facility_totals(ids integer[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF ids IS NULL OR cardinality(ids) = 0 THEN
    RETURN;
  END IF;
  PERFORM pg_advisory_xact_lock(7236401);
  DELETE FROM outage_facility_totals t USING (SELECT DISTINCT a.id FROM unnest(ids) a(id)) a WHERE t.facility_id = a.id;
  INSERT INTO outage_facility_totals (facility_id, hits, weight_sum)
    SELECT h.facility_id, count(*), sum(hyperscope_outage_epoch_weight(h.severity, h.started_at))
    FROM (SELECT DISTINCT a.id FROM unnest(ids) a(id)) a
    JOIN outage_facility_hits h ON h.facility_id = a.id
    GROUP BY h.facility_id;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION hyperscope_refresh_outage_vendor_totals(ids integer[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF ids IS NULL OR cardinality(ids) = 0 THEN
    RETURN;
  END IF;
  PERFORM pg_advisory_xact_lock(7236401);
  DELETE FROM outage_vendor_totals t USING (SELECT DISTINCT a.id FROM unnest(ids) a(id)) a WHERE t.vendor_id = a.id;
  INSERT INTO outage_vendor_totals (vendor_id, hits, weight_sum)
    SELECT h.vendor_id, count(*), sum(hyperscope_outage_epoch_weight(h.severity, h.started_at))
    FROM (SELECT DISTINCT a.id FROM unnest(ids) a(id)) a
    JOIN outage_vendor_hits h ON h.vendor_id = a.id
    GROUP BY h.vendor_id;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION hyperscope_outage_facility_hits_totals() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM hyperscope_refresh_outage_facility_totals(array(SELECT n.facility_id FROM new_rows n));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM hyperscope_refresh_outage_facility_totals(array(SELECT o.facility_id FROM old_rows o));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM hyperscope_refresh_outage_facility_totals(array(
      SELECT n.facility_id FROM new_rows n UNION SELECT o.facility_id FROM old_rows o));
  ELSE
    DELETE FROM outage_facility_totals;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION hyperscope_outage_vendor_hits_totals() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM hyperscope_refresh_outage_vendor_totals(array(SELECT n.vendor_id FROM new_rows n));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM hyperscope_refresh_outage_vendor_totals(array(SELECT o.vendor_id FROM old_rows o));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM hyperscope_refresh_outage_vendor_totals(array(
      SELECT n.vendor_id FROM new_rows n UNION SELECT o.vendor_id FROM old_rows o));
  ELSE
    DELETE FROM outage_vendor_totals;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER outage_facility_hits_totals_insert AFTER INSERT ON outage_facility_hits
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION hyperscope_outage_facility_hits_totals();
--> statement-breakpoint
CREATE TRIGGER outage_facility_hits_totals_update AFTER UPDATE ON outage_facility_hits
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION hyperscope_outage_facility_hits_totals();
--> statement-breakpoint
CREATE TRIGGER outage_facility_hits_totals_delete AFTER DELETE ON outage_facility_hits
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION hyperscope_outage_facility_hits_totals();
--> statement-breakpoint
CREATE TRIGGER outage_facility_hits_totals_truncate AFTER TRUNCATE ON outage_facility_hits
  FOR EACH STATEMENT EXECUTE FUNCTION hyperscope_outage_facility_hits_totals();
--> statement-breakpoint
CREATE TRIGGER outage_vendor_hits_totals_insert AFTER INSERT ON outage_vendor_hits
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION hyperscope_outage_vendor_hits_totals();
--> statement-breakpoint
CREATE TRIGGER outage_vendor_hits_totals_update AFTER UPDATE ON outage_vendor_hits
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION hyperscope_outage_vendor_hits_totals();
--> statement-breakpoint
CREATE TRIGGER outage_vendor_hits_totals_delete AFTER DELETE ON outage_vendor_hits
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION hyperscope_outage_vendor_hits_totals();
--> statement-breakpoint
CREATE TRIGGER outage_vendor_hits_totals_truncate AFTER TRUNCATE ON outage_vendor_hits
  FOR EACH STATEMENT EXECUTE FUNCTION hyperscope_outage_vendor_hits_totals();
--> statement-breakpoint
-- Backfill from the hits already there.
INSERT INTO outage_facility_totals (facility_id, hits, weight_sum)
  SELECT h.facility_id, count(*), sum(hyperscope_outage_epoch_weight(h.severity, h.started_at))
  FROM outage_facility_hits h GROUP BY h.facility_id;
--> statement-breakpoint
INSERT INTO outage_vendor_totals (vendor_id, hits, weight_sum)
  SELECT h.vendor_id, count(*), sum(hyperscope_outage_epoch_weight(h.severity, h.started_at))
  FROM outage_vendor_hits h GROUP BY h.vendor_id;
