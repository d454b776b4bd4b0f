-- Followers of records: who gets an in-app notification when someone else changes a record. The
-- key leads with the record, so a write finds its followers through the primary key's index.
CREATE TABLE "follows" (
    "workspace_id" UUID NOT NULL,
    "object" TEXT NOT NULL,
    "record_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "follows_pkey" PRIMARY KEY ("workspace_id", "object", "record_id", "user_id")
);
CREATE INDEX "follows_user_id_idx" ON "follows"("user_id");
ALTER TABLE "follows" ADD CONSTRAINT "follows_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
