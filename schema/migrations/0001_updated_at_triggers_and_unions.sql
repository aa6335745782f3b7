-- updated_at follows every real change of a row, whoever writes it (seeds, API, SQL by hand),
-- unless the writer sets updated_at itself (backfills).
CREATE OR REPLACE FUNCTION hyperscope_touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at AND ROW(NEW.*) IS DISTINCT FROM ROW(OLD.*) THEN
    NEW.updated_at := now();
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
DO $$
DECLARE t text;
BEGIN
  FOR t IN
    SELECT c.table_name FROM information_schema.columns c
    JOIN information_schema.tables tb ON tb.table_name = c.table_name AND tb.table_schema = c.table_schema
    WHERE c.table_schema = current_schema() AND c.column_name = 'updated_at' AND tb.table_type = 'BASE TABLE'
  LOOP
    EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE ON %I FOR EACH ROW EXECUTE FUNCTION hyperscope_touch_updated_at()',
                   t || '_touch_updated_at', t);
  END LOOP;
END;
$$;
--> statement-breakpoint
-- Member states of the European Union (27 since 2020-02-01; source: https://european-union.europa.eu/principles-countries-history/eu-countries_en).
INSERT INTO union_memberships (union_code, country) VALUES
  ('EU','AT'),('EU','BE'),('EU','BG'),('EU','HR'),('EU','CY'),('EU','CZ'),('EU','DK'),('EU','EE'),('EU','FI'),
  ('EU','FR'),('EU','DE'),('EU','GR'),('EU','HU'),('EU','IE'),('EU','IT'),('EU','LV'),('EU','LT'),('EU','LU'),
  ('EU','MT'),('EU','NL'),('EU','PL'),('EU','PT'),('EU','RO'),('EU','SK'),('EU','SI'),('EU','ES'),('EU','SE')
ON CONFLICT DO NOTHING;
