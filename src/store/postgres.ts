import pg from "pg";
import type { SqlDriver, SqlRow, SqlRunner, SqlValue } from "./driver.js";

export type PostgresOptions = {
  /** How long to wait for a connection or a statement before giving up, in ms. */
  timeoutMs?: number;
  /** Errors of idle connections (the server went away); without a listener they would end the process. */
  onIdleError?: (error: Error) => void;
};

const INT8_OID = 20;
// COUNT(*) and BIGINT columns arrive as strings by default; every number stored here fits a double.
const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === INT8_OID ? Number : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig["getTypeParser"],
};

/** PostgreSQL through a small `pg` pool, with timeouts on connecting and on every statement. */
export function openPostgres(connectionString: string, options: PostgresOptions = {}): SqlDriver {
  const timeoutMs = options.timeoutMs ?? 3000;
  const pool = new pg.Pool({
    connectionString,
    max: 4,
    connectionTimeoutMillis: timeoutMs,
    idleTimeoutMillis: 30_000,
    query_timeout: timeoutMs,
    statement_timeout: timeoutMs,
    application_name: "tpd-bot",
    types,
  });
  pool.on("error", (error) => options.onIdleError?.(error));
  const runnerOf = (client: pg.Pool | pg.PoolClient): SqlRunner => ({
    run: async (sql: string, params: readonly SqlValue[] = []) =>
      (await client.query(numbered(sql), [...params])).rowCount ?? 0,
    all: async <T extends SqlRow>(sql: string, params: readonly SqlValue[] = []) =>
      (await client.query<T>(numbered(sql), [...params])).rows,
  });
  return {
    kind: "postgres",
    ...runnerOf(pool),
    async exclusive(work) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        // Replicas migrating at once take turns: the lock is released at COMMIT or ROLLBACK.
        await client.query("SELECT pg_advisory_xact_lock(hashtext('tpd-bot migrations'))");
        const result = await work(runnerOf(client));
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/** `?` placeholders, as the shared SQL is written, become PostgreSQL's `$1, $2, …`. */
export function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}
