-- App servers remember who an API key or a session is for up to a minute (platform/security/
-- principalCache.ts) while they listen on "tessera_auth". These triggers tell them to forget when a
-- commit changes what a principal holds: a key revoked, a session ended or cut short, a user
-- deactivated or changed, a workspace's metadata or security revision moved on. Statement-level,
-- and only for the columns that matter: "last used" and "last seen" updates send nothing.
CREATE FUNCTION "tessera_notify_auth"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('tessera_auth', TG_TABLE_NAME);
  RETURN NULL;
END $$;

CREATE TRIGGER "api_keys_notify_auth" AFTER UPDATE OF "revoked_at", "user_id", "key_hash" OR DELETE OR TRUNCATE ON "api_keys"
  FOR EACH STATEMENT EXECUTE FUNCTION "tessera_notify_auth"();
CREATE TRIGGER "sessions_notify_auth" AFTER UPDATE OF "expires_at", "user_id", "token_hash" OR DELETE OR TRUNCATE ON "sessions"
  FOR EACH STATEMENT EXECUTE FUNCTION "tessera_notify_auth"();
CREATE TRIGGER "users_notify_auth" AFTER UPDATE OF "name", "email", "is_admin", "locale", "active", "workspace_id" OR DELETE OR TRUNCATE ON "users"
  FOR EACH STATEMENT EXECUTE FUNCTION "tessera_notify_auth"();
CREATE TRIGGER "workspaces_notify_auth" AFTER UPDATE OF "name", "schema_name", "security_revision", "metadata_revision" OR DELETE OR TRUNCATE ON "workspaces"
  FOR EACH STATEMENT EXECUTE FUNCTION "tessera_notify_auth"();
