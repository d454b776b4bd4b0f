-- Navigation: the records each user opened lately ("Recently viewed", at most ~20 per user,
-- trimmed by the statement that records a view) and the app each user chose in the app switcher.

CREATE TABLE "recent_views" (
    "user_id" UUID NOT NULL,
    "object" TEXT NOT NULL,
    "record_id" UUID NOT NULL,
    "viewed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "recent_views_pkey" PRIMARY KEY ("user_id", "object", "record_id")
);
CREATE INDEX "recent_views_user_id_viewed_at_idx" ON "recent_views"("user_id", "viewed_at");
ALTER TABLE "recent_views" ADD CONSTRAINT "recent_views_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "user_apps" (
    "user_id" UUID NOT NULL,
    "app" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "user_apps_pkey" PRIMARY KEY ("user_id")
);
ALTER TABLE "user_apps" ADD CONSTRAINT "user_apps_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
