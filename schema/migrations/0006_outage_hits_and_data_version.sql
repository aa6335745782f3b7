CREATE TABLE "data_version" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "data_version_single_row" CHECK ("data_version"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "outage_facility_hits" (
	"facility_id" integer NOT NULL,
	"outage_id" integer NOT NULL,
	"severity" smallint NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	CONSTRAINT "outage_facility_hits_pkey" PRIMARY KEY("facility_id","outage_id")
);
--> statement-breakpoint
CREATE TABLE "outage_vendor_hits" (
	"vendor_id" integer NOT NULL,
	"outage_id" integer NOT NULL,
	"severity" smallint NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	CONSTRAINT "outage_vendor_hits_pkey" PRIMARY KEY("vendor_id","outage_id")
);
--> statement-breakpoint
CREATE INDEX "outage_facility_hits_outage_idx" ON "outage_facility_hits" USING btree ("outage_id");--> statement-breakpoint
CREATE INDEX "outage_vendor_hits_outage_idx" ON "outage_vendor_hits" USING btree ("outage_id");--> statement-breakpoint
-- outage_facility_hits / outage_vendor_hits (schema/db/summaries.ts) are derived from outage_impacts,
-- outages and facilities.operator_id. Any change refreshes the pairs of the outages it touches: their
-- rows are deleted and recomputed from the sources, so the tables always equal a recomputation.
-- Refreshes take one transaction-scoped advisory lock (key 7236401) so concurrent writers refresh one
-- after the other, each reading what the earlier ones committed (READ COMMITTED: every statement of
-- the function takes a new snapshot).
CREATE OR REPLACE FUNCTION hyperscope_refresh_outage_hits(ids integer[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF ids IS NULL OR cardinality(ids) = 0 THEN
    RETURN;
  END IF;
  PERFORM pg_advisory_xact_lock(7236401);
  DELETE FROM outage_facility_hits h USING unnest(ids) a(id) WHERE h.outage_id = a.id;
  DELETE FROM outage_vendor_hits h USING unnest(ids) a(id) WHERE h.outage_id = a.id;
  INSERT INTO outage_facility_hits (facility_id, outage_id, severity, started_at)
    SELECT DISTINCT i.facility_id, i.outage_id, o.severity, o.started_at
    FROM (SELECT DISTINCT a.id FROM unnest(ids) a(id)) a
    JOIN outage_impacts i ON i.outage_id = a.id
    JOIN outages o ON o.id = i.outage_id
    WHERE i.facility_id IS NOT NULL;
  INSERT INTO outage_vendor_hits (vendor_id, outage_id, severity, started_at)
    SELECT DISTINCT v.vendor_id, i.outage_id, o.severity, o.started_at
    FROM (SELECT DISTINCT a.id FROM unnest(ids) a(id)) a
    JOIN outage_impacts i ON i.outage_id = a.id
    JOIN outages o ON o.id = i.outage_id
    LEFT JOIN facilities f ON f.id = i.facility_id
    CROSS JOIN LATERAL (VALUES (i.vendor_id), (f.operator_id)) v(vendor_id)
    WHERE v.vendor_id IS NOT NULL;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION hyperscope_outage_impacts_hits() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM hyperscope_refresh_outage_hits(array(SELECT DISTINCT n.outage_id FROM new_rows n));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM hyperscope_refresh_outage_hits(array(SELECT DISTINCT o.outage_id FROM old_rows o));
  ELSE
    PERFORM hyperscope_refresh_outage_hits(array(
      SELECT n.outage_id FROM new_rows n UNION SELECT o.outage_id FROM old_rows o));
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER outage_impacts_hits_insert AFTER INSERT ON outage_impacts
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION hyperscope_outage_impacts_hits();
--> statement-breakpoint
CREATE TRIGGER outage_impacts_hits_update AFTER UPDATE ON outage_impacts
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION hyperscope_outage_impacts_hits();
--> statement-breakpoint
CREATE TRIGGER outage_impacts_hits_delete AFTER DELETE ON outage_impacts
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION hyperscope_outage_impacts_hits();
--> statement-breakpoint
-- A deleted outage or facility takes its impacts with it (ON DELETE CASCADE), which refreshes above;
-- an outage's severity or start, and a facility's operator, are copied or followed: refresh on update.
CREATE OR REPLACE FUNCTION hyperscope_outages_hits() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM hyperscope_refresh_outage_hits(array(
    SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
    WHERE n.severity IS DISTINCT FROM o.severity OR n.started_at IS DISTINCT FROM o.started_at));
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER outages_hits_update AFTER UPDATE ON outages
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION hyperscope_outages_hits();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION hyperscope_facilities_hits() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM hyperscope_refresh_outage_hits(array(
    SELECT DISTINCT i.outage_id FROM new_rows n JOIN old_rows o ON o.id = n.id
    JOIN outage_impacts i ON i.facility_id = n.id
    WHERE n.operator_id IS DISTINCT FROM o.operator_id));
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER facilities_hits_update AFTER UPDATE ON facilities
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION hyperscope_facilities_hits();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION hyperscope_outage_impacts_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM outage_facility_hits;
  DELETE FROM outage_vendor_hits;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER outage_impacts_hits_truncate AFTER TRUNCATE ON outage_impacts
  FOR EACH STATEMENT EXECUTE FUNCTION hyperscope_outage_impacts_truncated();
--> statement-breakpoint
-- Backfill from the data already there.
SELECT hyperscope_refresh_outage_hits(array(SELECT o.id FROM outages o));
--> statement-breakpoint
-- data_version: bumped once per writing statement on a fact table, in the writer's transaction, so a
-- reader sees a new version exactly when new data is visible to it (src/indices/cache.ts).
INSERT INTO data_version (id, version) VALUES (1, 0) ON CONFLICT DO NOTHING;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION hyperscope_bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
DO $$
DECLARE t text;
BEGIN
  FOR t IN
    SELECT tb.table_name FROM information_schema.tables tb
    WHERE tb.table_schema = current_schema() AND tb.table_type = 'BASE TABLE'
      AND (tb.table_name LIKE '%\_citations' OR tb.table_name IN ('sources', 'vendors', 'chips', 'facilities',
        'capacity_phases', 'deployments', 'models', 'outages', 'outage_impacts', 'regulatory_events',
        'regulatory_event_subjects', 'disclosures', 'market_shares', 'dependencies', 'union_memberships'))
  LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION hyperscope_bump_data_version()',
                   t || '_bump_data_version', t);
  END LOOP;
END;
$$;
