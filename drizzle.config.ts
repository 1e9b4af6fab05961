/**
 * drizzle-kit: `npx drizzle-kit generate` turns changes to src/store/schema.ts into a new SQL
 * migration under drizzle/; `khcl migrate` (and every start) applies them, on PGlite or PostgreSQL.
 */
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/store/schema.ts',
  out: './drizzle',
});
