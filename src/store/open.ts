import type { StoreConfig } from "../config.js";
import { openPostgres, type PostgresOptions } from "./postgres.js";
import { createSqlStore } from "./sql-store.js";
import { openSqlite } from "./sqlite.js";
import type { Store } from "./types.js";

/** PostgreSQL when DATABASE_URL is set, else the SQLite file. Migrations are the caller's first call. */
export function openStore(
  config: Pick<StoreConfig, "databaseUrl" | "sqliteFile">,
  options: PostgresOptions = {},
): Store {
  return createSqlStore(
    config.databaseUrl ? openPostgres(config.databaseUrl, options) : openSqlite(config.sqliteFile),
  );
}
