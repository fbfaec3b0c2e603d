export type SqlValue = string | number | null;
export type SqlRow = Record<string, unknown>;

/** The few things the store needs from a database; SQL is written once, with `?` placeholders. */
export type SqlRunner = {
  /** Runs a statement; resolves to the number of rows it changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
  all<T extends SqlRow>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
};

export type SqlDriver = SqlRunner & {
  readonly kind: "sqlite" | "postgres";
  /** Runs `work` in one transaction that no other process runs at the same time (for migrations). */
  exclusive<T>(work: (runner: SqlRunner) => Promise<T>): Promise<T>;
  close(): Promise<void>;
};
