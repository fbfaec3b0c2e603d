import { cp, mkdtemp, readFile, rm, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REAL_KNOWLEDGE } from "../../helpers/bots.js";

/** A private copy of knowledge/ that a test may edit while the bot runs on it. */
export type KnowledgeCopy = {
  dir: string;
  read(file: string): Promise<string>;
  write(file: string, text: string): Promise<void>;
  edit(file: string, change: (text: string) => string): Promise<void>;
  delete(file: string): Promise<void>;
  /** Removes the whole copy. */
  remove(): Promise<void>;
};

export async function copyKnowledge(): Promise<KnowledgeCopy> {
  const dir = await mkdtemp(join(tmpdir(), "tpd-knowledge-"));
  await cp(REAL_KNOWLEDGE, dir, { recursive: true });
  const read = (file: string) => readFile(join(dir, file), "utf8");
  const write = (file: string, text: string) => writeFile(join(dir, file), text);
  return {
    dir,
    read,
    write,
    async edit(file, change) {
      const before = await read(file);
      const after = change(before);
      if (after === before) throw new Error(`the edit did not change ${file}`);
      await write(file, after);
    },
    delete: (file) => unlink(join(dir, file)),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
