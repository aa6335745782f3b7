import { defineConfig } from "drizzle-kit";

// Migrations are generated from the table definitions in schema/db and committed under schema/migrations.
export default defineConfig({
  dialect: "postgresql",
  schema: "./schema/db/index.ts",
  out: "./schema/migrations",
});
