-- Security: org structure, permission sets, sharing, record shares, login and audit logs, field history, jobs.

ALTER TABLE "workspaces" ADD COLUMN "security_revision" INTEGER NOT NULL DEFAULT 1;

CREATE TABLE "roles" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "workspace_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "label_zh" TEXT,
    "parent_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "roles_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "roles_workspace_id_name_key" ON "roles"("workspace_id", "name");
ALTER TABLE "roles" ADD CONSTRAINT "roles_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "roles"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "departments" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "workspace_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "label_zh" TEXT,
    "parent_id" UUID,
    "head_user_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "departments_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "departments_workspace_id_name_key" ON "departments"("workspace_id", "name");
ALTER TABLE "departments" ADD CONSTRAINT "departments_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "departments"("id") ON DELETE SET NULL ON UPDATE CASCADE;

ALTER TABLE "users" ADD COLUMN "title" TEXT,
    ADD COLUMN "phone" TEXT,
    ADD COLUMN "role_id" UUID,
    ADD COLUMN "department_id" UUID,
    ADD COLUMN "manager_id" UUID,
    ADD COLUMN "failed_logins" INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN "locked_until" TIMESTAMPTZ(3),
    ADD COLUMN "password_changed_at" TIMESTAMPTZ(3);
ALTER TABLE "users" ADD CONSTRAINT "users_role_id_fkey" FOREIGN KEY ("role_id") REFERENCES "roles"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "users" ADD CONSTRAINT "users_department_id_fkey" FOREIGN KEY ("department_id") REFERENCES "departments"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "users" ADD CONSTRAINT "users_manager_id_fkey" FOREIGN KEY ("manager_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "groups" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "workspace_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "groups_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "groups_workspace_id_name_key" ON "groups"("workspace_id", "name");

CREATE TABLE "group_members" (
    "group_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    CONSTRAINT "group_members_pkey" PRIMARY KEY ("group_id", "user_id")
);
ALTER TABLE "group_members" ADD CONSTRAINT "group_members_group_id_fkey" FOREIGN KEY ("group_id") REFERENCES "groups"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "group_members" ADD CONSTRAINT "group_members_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "permission_sets" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "workspace_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "label_zh" TEXT,
    "description" TEXT,
    "is_stock" BOOLEAN NOT NULL DEFAULT false,
    "all_objects" BOOLEAN NOT NULL DEFAULT false,
    "customize_metadata" BOOLEAN NOT NULL DEFAULT false,
    "manage_users" BOOLEAN NOT NULL DEFAULT false,
    "import_data" BOOLEAN NOT NULL DEFAULT false,
    "export_data" BOOLEAN NOT NULL DEFAULT false,
    "transfer_records" BOOLEAN NOT NULL DEFAULT false,
    "view_audit" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "permission_sets_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "permission_sets_workspace_id_name_key" ON "permission_sets"("workspace_id", "name");

CREATE TABLE "permission_set_objects" (
    "permission_set_id" UUID NOT NULL,
    "object" TEXT NOT NULL,
    "can_create" BOOLEAN NOT NULL DEFAULT false,
    "can_read" BOOLEAN NOT NULL DEFAULT false,
    "can_edit" BOOLEAN NOT NULL DEFAULT false,
    "can_delete" BOOLEAN NOT NULL DEFAULT false,
    "view_all" BOOLEAN NOT NULL DEFAULT false,
    "modify_all" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "permission_set_objects_pkey" PRIMARY KEY ("permission_set_id", "object")
);
ALTER TABLE "permission_set_objects" ADD CONSTRAINT "permission_set_objects_permission_set_id_fkey" FOREIGN KEY ("permission_set_id") REFERENCES "permission_sets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "permission_set_fields" (
    "permission_set_id" UUID NOT NULL,
    "object" TEXT NOT NULL,
    "field" TEXT NOT NULL,
    "can_read" BOOLEAN NOT NULL DEFAULT false,
    "can_edit" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "permission_set_fields_pkey" PRIMARY KEY ("permission_set_id", "object", "field")
);
ALTER TABLE "permission_set_fields" ADD CONSTRAINT "permission_set_fields_permission_set_id_fkey" FOREIGN KEY ("permission_set_id") REFERENCES "permission_sets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "user_permission_sets" (
    "user_id" UUID NOT NULL,
    "permission_set_id" UUID NOT NULL,
    CONSTRAINT "user_permission_sets_pkey" PRIMARY KEY ("user_id", "permission_set_id")
);
ALTER TABLE "user_permission_sets" ADD CONSTRAINT "user_permission_sets_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "user_permission_sets" ADD CONSTRAINT "user_permission_sets_permission_set_id_fkey" FOREIGN KEY ("permission_set_id") REFERENCES "permission_sets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "object_sharing" (
    "workspace_id" UUID NOT NULL,
    "object" TEXT NOT NULL,
    "default_access" TEXT NOT NULL,
    "grant_via_hierarchy" BOOLEAN NOT NULL DEFAULT true,
    CONSTRAINT "object_sharing_pkey" PRIMARY KEY ("workspace_id", "object")
);

CREATE TABLE "sharing_rules" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "workspace_id" UUID NOT NULL,
    "object" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "condition" JSONB,
    "owner_type" TEXT,
    "owner_id" UUID,
    "grantee_type" TEXT NOT NULL,
    "grantee_id" UUID NOT NULL,
    "access" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "sharing_rules_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "sharing_rules_workspace_id_object_name_key" ON "sharing_rules"("workspace_id", "object", "name");

CREATE TABLE "record_shares" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "workspace_id" UUID NOT NULL,
    "object" TEXT NOT NULL,
    "record_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "access" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "team_role" TEXT,
    "created_by" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "record_shares_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "record_shares_workspace_id_object_record_id_user_id_reason_key" ON "record_shares"("workspace_id", "object", "record_id", "user_id", "reason");
CREATE INDEX "record_shares_workspace_id_object_user_id_record_id_idx" ON "record_shares"("workspace_id", "object", "user_id", "record_id");

CREATE TABLE "login_events" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID,
    "email" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ip" TEXT,
    "user_agent" TEXT,
    "success" BOOLEAN NOT NULL,
    "reason" TEXT NOT NULL,
    CONSTRAINT "login_events_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "login_events_user_id_at_idx" ON "login_events"("user_id", "at");
CREATE INDEX "login_events_at_idx" ON "login_events"("at");

CREATE TABLE "audit_events" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "workspace_id" UUID NOT NULL,
    "user_id" UUID,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "action" TEXT NOT NULL,
    "target_type" TEXT NOT NULL,
    "target_id" TEXT,
    "details" JSONB,
    "ip" TEXT,
    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "audit_events_workspace_id_at_idx" ON "audit_events"("workspace_id", "at");

CREATE TABLE "field_history" (
    "id" BIGSERIAL NOT NULL,
    "workspace_id" UUID NOT NULL,
    "object" TEXT NOT NULL,
    "record_id" UUID NOT NULL,
    "field" TEXT NOT NULL,
    "old_value" JSONB,
    "new_value" JSONB,
    "user_id" UUID,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "channel" TEXT NOT NULL,
    "tx_id" UUID NOT NULL,
    CONSTRAINT "field_history_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "field_history_workspace_id_object_record_id_at_idx" ON "field_history"("workspace_id", "object", "record_id", "at");

CREATE TABLE "jobs" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "workspace_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "progress" JSONB,
    "result" JSONB,
    "error" TEXT,
    "created_by" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),
    CONSTRAINT "jobs_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "jobs_workspace_id_created_at_idx" ON "jobs"("workspace_id", "created_at");
