-- Designer and packages: workspace metadata deltas, metadata revisions, installed packages.

ALTER TABLE "workspaces" ADD COLUMN "metadata_revision" INTEGER NOT NULL DEFAULT 0;

CREATE TABLE "metadata_deltas" (
    "workspace_id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "seq" BIGSERIAL NOT NULL,
    "added" BOOLEAN NOT NULL,
    "patch" JSONB NOT NULL,
    "base" JSONB,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "metadata_deltas_pkey" PRIMARY KEY ("workspace_id", "key")
);
ALTER TABLE "metadata_deltas" ADD CONSTRAINT "metadata_deltas_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "metadata_revisions" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "workspace_id" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "user_id" UUID,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "summary" TEXT NOT NULL,
    "changes" JSONB NOT NULL,
    CONSTRAINT "metadata_revisions_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "metadata_revisions_workspace_id_number_key" ON "metadata_revisions"("workspace_id", "number");
ALTER TABLE "metadata_revisions" ADD CONSTRAINT "metadata_revisions_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "installed_packages" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "workspace_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "manifest" JSONB NOT NULL,
    "entries" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'installed',
    "position" INTEGER NOT NULL,
    "installed_by" UUID,
    "installed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "installed_packages_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "installed_packages_workspace_id_name_key" ON "installed_packages"("workspace_id", "name");
ALTER TABLE "installed_packages" ADD CONSTRAINT "installed_packages_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;
