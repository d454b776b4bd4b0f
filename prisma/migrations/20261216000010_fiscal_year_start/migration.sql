-- The month (1-12) a workspace's fiscal year starts in: fiscal quarters and years in conditions
-- ("this fiscal year") and report date buckets follow it. January: the calendar year.
ALTER TABLE "workspaces" ADD COLUMN "fiscal_year_start_month" INTEGER NOT NULL DEFAULT 1;

-- Principals (which carry the fiscal year start) are remembered per process until a notice says
-- otherwise: a change of the setting sends one too.
DROP TRIGGER IF EXISTS "workspaces_notify_auth" ON "workspaces";
CREATE TRIGGER "workspaces_notify_auth" AFTER UPDATE OF "name", "schema_name", "security_revision", "metadata_revision", "fiscal_year_start_month" OR DELETE OR TRUNCATE ON "workspaces"
  FOR EACH STATEMENT EXECUTE FUNCTION "tessera_notify_auth"();
