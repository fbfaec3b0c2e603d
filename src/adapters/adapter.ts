/** The narrow port every platform adapter offers to the composition root. */
export type AdapterHealth = {
  name: "slack" | "discord" | "console";
  /** True while the adapter can take questions (receiver listening, gateway connected). */
  up: boolean;
  detail: string;
};

export type Adapter = {
  readonly name: AdapterHealth["name"];
  start(): Promise<void>;
  /** Stop taking new work, let in-flight answers finish, close connections. */
  stop(): Promise<void>;
  health(): AdapterHealth;
};
