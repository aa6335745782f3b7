CREATE TABLE "data_version_writers" (
	"txid" bigint PRIMARY KEY NOT NULL
);
--> statement-breakpoint
-- data_version is bumped once per committed writing transaction, at commit: the fact tables'
-- statement trigger (0006) only records the transaction here; the deferred trigger below bumps the
-- counter when the transaction commits, in the same commit, so a reader sees the new version exactly
-- when the new data is visible to it, and writers lock the counter's row only while committing.
CREATE OR REPLACE FUNCTION hyperscope_bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO data_version_writers (txid) VALUES (txid_current()) ON CONFLICT DO NOTHING;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION hyperscope_commit_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM data_version_writers WHERE txid = NEW.txid;
  UPDATE data_version SET version = version + 1 WHERE id = 1;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER data_version_writers_commit AFTER INSERT ON data_version_writers
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION hyperscope_commit_data_version();
