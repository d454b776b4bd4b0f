-- Web forms (issue 15): every public submission is stored as received before it is processed
-- (nothing lost), with what processing made of it; the admin's submissions list filters by form and
-- status, newest first. Public rate limits are counted in one shared table so they hold across app
-- servers (rate-limiter-flexible's Postgres store: key, points, expiry in epoch milliseconds).

CREATE TABLE "form_submissions" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "workspace_id" UUID NOT NULL,
    "form" TEXT NOT NULL,
    "object" TEXT NOT NULL,
    "body" JSONB NOT NULL,
    "values" JSONB,
    "ip_hash" TEXT,
    "user_agent" TEXT,
    "origin" TEXT,
    "locale" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "errors" JSONB,
    "record_id" UUID,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processed_at" TIMESTAMPTZ(3),
    "retried_by" UUID,
    CONSTRAINT "form_submissions_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "form_submissions_workspace_id_form_status_received_at_idx" ON "form_submissions"("workspace_id", "form", "status", "received_at");
CREATE INDEX "form_submissions_workspace_id_received_at_idx" ON "form_submissions"("workspace_id", "received_at");
ALTER TABLE "form_submissions" ADD CONSTRAINT "form_submissions_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "public_rate_limits" (
    "key" TEXT NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT,
    CONSTRAINT "public_rate_limits_pkey" PRIMARY KEY ("key")
);
CREATE INDEX "public_rate_limits_expire_idx" ON "public_rate_limits"("expire");
