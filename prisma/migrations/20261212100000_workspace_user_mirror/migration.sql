-- Each workspace schema keeps the ids of its users in "tessera_user", which the owner and audit
-- columns of its record tables reference. A foreign key adds triggers to the table it references:
-- with every workspace referencing public.users, users carried 60 triggers per workspace (60,000
-- at 1,000 workspaces), each new workspace took longer to create and every write to users slowed.
-- These triggers keep the mirror in step with users (a workspace schema not built yet is skipped:
-- building it copies its users).

CREATE FUNCTION "tessera_user_mirror"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ws_schema text;
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT "schema_name" INTO ws_schema FROM "workspaces" WHERE "id" = NEW."workspace_id";
    IF to_regclass(format('%I.tessera_user', ws_schema)) IS NOT NULL THEN
      EXECUTE format('INSERT INTO %I."tessera_user" ("id") VALUES ($1) ON CONFLICT DO NOTHING', ws_schema) USING NEW."id";
    END IF;
    RETURN NEW;
  END IF;
  SELECT "schema_name" INTO ws_schema FROM "workspaces" WHERE "id" = OLD."workspace_id";
  IF to_regclass(format('%I.tessera_user', ws_schema)) IS NOT NULL THEN
    EXECUTE format('DELETE FROM %I."tessera_user" WHERE "id" = $1', ws_schema) USING OLD."id";
  END IF;
  RETURN OLD;
END
$$;

CREATE TRIGGER "users_mirror_insert" AFTER INSERT ON "users" FOR EACH ROW EXECUTE FUNCTION "tessera_user_mirror"();
CREATE TRIGGER "users_mirror_delete" AFTER DELETE ON "users" FOR EACH ROW EXECUTE FUNCTION "tessera_user_mirror"();
