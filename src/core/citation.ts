import type { Citation } from "./answer.js";
import type { DocumentSection, Passage, Source } from "./model.js";
import { textFragmentUrl } from "./text-fragment.js";

/** A section id's leading Roman numeral ("II" of "II.B"): the document's own numbering. */
function numeral(id: string): string | undefined {
  return /^([IVX]+)(?:\.|$)/.exec(id)?.[1];
}

/** The section a passage points at: one the source declares, or an imported page's heading. */
function sectionOf(source: Source, ref: string): DocumentSection {
  return source.sections.find((section) => section.id === ref) ?? { id: ref, title: ref };
}

/** "II · Unleashing Civil Nuclear Energy", or the title alone for unnumbered parts. */
export function sectionReference(section: DocumentSection): string {
  const number = numeral(section.id);
  return number ? `${number} · ${section.title}` : section.title;
}

/** "UK MOU §II, civil nuclear · official text": the source, where in it, and what kind of source it is. */
export function citationLabel(source: Source, section?: DocumentSection): string {
  const where = section ? sectionLabel(section) : "";
  return `${source.short}${where} · ${source.weight}`;
}

function sectionLabel(section: DocumentSection): string {
  const number = numeral(section.id);
  const words = section.short ?? section.title;
  if (!number) return `, ${words}`;
  return section.id === number && !section.short ? ` §${number}` : ` §${number}, ${words}`;
}

/** The citation of a source as a whole (a page link, no section). */
export function sourceCitation(source: Source): Citation {
  return {
    title: source.title,
    url: source.url,
    ...(source.published ? { published: source.published } : {}),
    publisher: source.publisher,
    weight: source.weight,
    label: citationLabel(source),
  };
}

/** The citation of one passage: its section, and for a verbatim quote a link to the quoted words. */
export function passageCitation(source: Source, passage: Passage): Citation {
  const section = passage.ref ? sectionOf(source, passage.ref) : undefined;
  return {
    ...sourceCitation(source),
    url: passage.kind === "quote" ? textFragmentUrl(source.url, passage.text) : source.url,
    ...(section ? { section: sectionReference(section) } : {}),
    label: citationLabel(source, section),
  };
}
