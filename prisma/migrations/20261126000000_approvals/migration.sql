-- Approval flows: versions of the flows requests used, requests, their work items and history,
-- delegations, in-app notifications and the e-mail outbox.
CREATE TABLE "approval_flow_versions" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "workspace_id" UUID NOT NULL,
    "object" TEXT NOT NULL,
    "flow" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "hash" TEXT NOT NULL,
    "definition" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "approval_flow_versions_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "approval_flow_versions_workspace_id_object_flow_version_key" ON "approval_flow_versions"("workspace_id", "object", "flow", "version");
CREATE UNIQUE INDEX "approval_flow_versions_workspace_id_object_flow_hash_key" ON "approval_flow_versions"("workspace_id", "object", "flow", "hash");

CREATE TABLE "approval_requests" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "workspace_id" UUID NOT NULL,
    "object" TEXT NOT NULL,
    "record_id" UUID NOT NULL,
    "record_name" TEXT,
    "flow_version_id" UUID NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "step" INTEGER,
    "submitted_by" UUID NOT NULL,
    "submitted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMPTZ(3),
    CONSTRAINT "approval_requests_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "approval_requests_workspace_id_object_record_id_submitted_at_idx" ON "approval_requests"("workspace_id", "object", "record_id", "submitted_at");
CREATE INDEX "approval_requests_submitted_by_submitted_at_idx" ON "approval_requests"("submitted_by", "submitted_at");
-- At most one request in flight per record: the lock.
CREATE UNIQUE INDEX "approval_requests_one_pending" ON "approval_requests"("workspace_id", "object", "record_id") WHERE "status" = 'pending';
ALTER TABLE "approval_requests" ADD CONSTRAINT "approval_requests_flow_version_id_fkey" FOREIGN KEY ("flow_version_id") REFERENCES "approval_flow_versions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "approval_requests" ADD CONSTRAINT "approval_requests_submitted_by_fkey" FOREIGN KEY ("submitted_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "approval_items" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "request_id" UUID NOT NULL,
    "step" INTEGER NOT NULL,
    "approver_id" UUID NOT NULL,
    "delegated_from" UUID,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "comment" TEXT,
    "acted_by" UUID,
    "acted_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "approval_items_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "approval_items_request_id_idx" ON "approval_items"("request_id");
CREATE INDEX "approval_items_approver_id_status_created_at_idx" ON "approval_items"("approver_id", "status", "created_at");
ALTER TABLE "approval_items" ADD CONSTRAINT "approval_items_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "approval_requests"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "approval_items" ADD CONSTRAINT "approval_items_approver_id_fkey" FOREIGN KEY ("approver_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "approval_events" (
    "id" BIGSERIAL NOT NULL,
    "request_id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_id" UUID,
    "action" TEXT NOT NULL,
    "step" INTEGER,
    "comment" TEXT,
    "details" JSONB,
    CONSTRAINT "approval_events_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "approval_events_request_id_id_idx" ON "approval_events"("request_id", "id");
ALTER TABLE "approval_events" ADD CONSTRAINT "approval_events_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "approval_requests"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "approval_delegations" (
    "user_id" UUID NOT NULL,
    "delegate_id" UUID NOT NULL,
    "until" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "approval_delegations_pkey" PRIMARY KEY ("user_id")
);
ALTER TABLE "approval_delegations" ADD CONSTRAINT "approval_delegations_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "approval_delegations" ADD CONSTRAINT "approval_delegations_delegate_id_fkey" FOREIGN KEY ("delegate_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "notifications" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "workspace_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT,
    "link" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "read_at" TIMESTAMPTZ(3),
    CONSTRAINT "notifications_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "notifications_user_id_created_at_idx" ON "notifications"("user_id", "created_at");
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "outbox" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "workspace_id" UUID NOT NULL,
    "channel" TEXT NOT NULL DEFAULT 'email',
    "recipient" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(3),
    CONSTRAINT "outbox_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "outbox_status_next_attempt_at_idx" ON "outbox"("status", "next_attempt_at");
CREATE INDEX "outbox_workspace_id_created_at_idx" ON "outbox"("workspace_id", "created_at");
