import type { CoreResult } from "./core.js";
import type { DiscordResult } from "./discord.js";
import type { Machine } from "./machine.js";
import type { ScaleRow } from "./scale.js";
import type { SlackLoadResult } from "./slack-load.js";
import type { SoakResult } from "./soak.js";
import type { StartupResult } from "./startup.js";

export type Sections = {
  core?: CoreResult;
  scale?: ScaleRow[];
  startup?: StartupResult;
  slack?: SlackLoadResult;
  discord?: DiscordResult;
  soak?: SoakResult;
};

/** When and under what load each section was last measured (a run with --only keeps the others). */
export type Measured = { date: string; loadAverage: { start: number; end: number } };

export type Goal = {
  goal: string;
  target: string;
  measured: string;
  status: "met" | "not met" | "not measured";
};

export type Results = {
  machine: Machine;
  options: unknown;
  measured: Partial<Record<keyof Sections, Measured>>;
  sections: Sections;
  failures: Partial<Record<keyof Sections, string>>;
  goals: Goal[];
};
