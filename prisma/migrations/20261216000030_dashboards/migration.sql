-- Dashboards (issue 14): each role may name its home dashboard (inherited by the roles below it), and
-- users subscribe to a report or a dashboard by e-mail, daily or weekly, at an hour of the workspace's
-- time zone. The scheduler claims due rows by next_run_at.

ALTER TABLE "roles" ADD COLUMN "home_dashboard" TEXT;

CREATE TABLE "report_subscriptions" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "workspace_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "target_kind" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "filters" JSONB,
    "frequency" TEXT NOT NULL,
    "hour" INTEGER NOT NULL,
    "weekday" INTEGER,
    "next_run_at" TIMESTAMPTZ(3) NOT NULL,
    "last_run_at" TIMESTAMPTZ(3),
    "last_status" TEXT,
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "report_subscriptions_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "report_subscriptions_user_id_target_kind_target_key" ON "report_subscriptions"("user_id", "target_kind", "target");
CREATE INDEX "report_subscriptions_next_run_at_idx" ON "report_subscriptions"("next_run_at");
ALTER TABLE "report_subscriptions" ADD CONSTRAINT "report_subscriptions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
