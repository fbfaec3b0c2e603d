import { SOURCE_WEIGHTS, type SourceWeight } from "../../core/model.js";
import { isOfficialWeight } from "../lint.js";
import { type SourceEntry, sourceEntrySchema } from "../schema.js";
import { definedOnly, PageError, type PageMeta } from "./page.js";

/** What an import knows about its page: the flags given, else what the file says about itself. */
export type ImportMeta = ReturnType<typeof importMeta>;

const REQUIRED = ["id", "title", "url", "publisher"] as const;

/** Merges flags over the page's own metadata and checks each value as sources.yaml would. */
export function importMeta(page: PageMeta, flags: PageMeta) {
  const meta: PageMeta = { ...page, ...definedOnly(flags) };
  for (const field of REQUIRED) {
    if (!meta[field]?.trim())
      throw new PageError(`has no ${field}: give --${field} or ${field}: in its front matter`);
  }
  const checked = sourceEntrySchema
    .pick({ id: true, title: true, url: true, published: true, publisher: true, short: true })
    .safeParse({
      id: meta.id,
      title: meta.title,
      url: meta.url,
      published: meta.date,
      publisher: meta.publisher,
      short: meta.short,
    });
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const field = issue?.path[0] === "published" ? "date" : String(issue?.path[0]);
    throw new PageError(`${field}: ${issue?.message} (got "${meta[field as keyof PageMeta]}")`);
  }
  if (meta.weight !== undefined && !isWeight(meta.weight))
    throw new PageError(
      `weight: "${meta.weight}" is not one of ${SOURCE_WEIGHTS.map((w) => `"${w}"`).join(", ")}`,
    );
  const { id, title, url, publisher, published, short } = checked.data;
  return {
    id,
    title,
    url,
    publisher,
    ...(published ? { date: published } : {}),
    ...(meta.weight ? { weight: meta.weight as SourceWeight } : {}),
    ...(meta.type?.trim() ? { type: meta.type.trim() } : {}),
    ...(short ? { short } : {}),
    deals: meta.deals ?? [],
  };
}

/** The sources.yaml entry for a page the knowledge does not cite yet; `official` follows from the weight. */
export function newSourceEntry(meta: ImportMeta): SourceEntry {
  if (!meta.weight)
    throw new PageError(
      `source "${meta.id}" is new, so it needs a weight: give --weight (${SOURCE_WEIGHTS.join(", ")}) or weight: in its front matter`,
    );
  return {
    id: meta.id,
    title: meta.title,
    url: meta.url,
    ...(meta.date ? { published: meta.date } : {}),
    publisher: meta.publisher,
    type: meta.type ?? "article",
    official: isOfficialWeight(meta.weight),
    weight: meta.weight,
    ...(meta.short ? { short: meta.short } : {}),
  };
}

function isWeight(value: string): value is SourceWeight {
  return (SOURCE_WEIGHTS as readonly string[]).includes(value);
}
