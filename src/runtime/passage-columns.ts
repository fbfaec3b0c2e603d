import { setImmediate as nextTurn } from "node:timers/promises";
import type { Passage } from "../core/model.js";

/**
 * Strings as UTF-8 bytes that move to another thread without a copy (a string in a message is decoded with the
 * whole message, at once), in pieces the receiving thread decodes one at a time.
 */
export type EncodedPieces = { bytes: Uint8Array; starts: Int32Array };

export function encodePieces(pieces: readonly string[]): EncodedPieces {
  const encoded = pieces.map((piece) => Buffer.from(piece, "utf8"));
  const starts = new Int32Array(pieces.length + 1);
  encoded.forEach((piece, at) => {
    starts[at + 1] = (starts[at] as number) + piece.length;
  });
  const bytes = new Uint8Array(starts[pieces.length] as number);
  encoded.forEach((piece, at) => {
    bytes.set(piece, starts[at]);
  });
  return { bytes, starts };
}

// A piece may start with U+FEFF: it is text, not a byte-order mark to drop (the offsets count it).
const utf8 = new TextDecoder("utf-8", { ignoreBOM: true });
const decodePiece = ({ bytes, starts }: EncodedPieces, at: number) =>
  utf8.decode(bytes.subarray(starts[at], starts[at + 1]));

/** How many list items go in a piece of JSON, decoded between two turns of the event loop. */
const JSON_PIECE = 256;

/** A long list (the sources of a large knowledge) as pieces of JSON, for `fromJsonPieces`. */
export function toJsonPieces(items: readonly unknown[]): EncodedPieces {
  const pieces: string[] = [];
  for (let at = 0; at < items.length; at += JSON_PIECE)
    pieces.push(JSON.stringify(items.slice(at, at + JSON_PIECE)));
  return encodePieces(pieces);
}

export async function fromJsonPieces<T>(encoded: EncodedPieces): Promise<T[]> {
  const items: T[] = [];
  for (let at = 0; at + 1 < encoded.starts.length; at++) {
    await nextTurn();
    items.push(...(JSON.parse(decodePiece(encoded, at)) as T[]));
  }
  return items;
}

/**
 * Passages as columns, to hand from one thread to another: their texts and ids as encoded pieces of a slice of
 * passages each (each piece of texts long enough to sit outside the young generation, where a collection would
 * copy it), the few distinct small values (sources, sections, dates, refs, lists of deals and topics) once
 * each, and the rest as typed arrays; all of it moves without a copy. The receiving thread then makes one
 * object per passage, a slice at a time, whose text and id are slices of its slice's pieces, not copies.
 */
export type PassageColumns = {
  texts: EncodedPieces;
  ids: EncodedPieces;
  /** Passage p's text is the characters `textStarts[p]` to `textStarts[p + 1]` of all texts joined, its id likewise. */
  textStarts: Int32Array;
  idStarts: Int32Array;
  /** Each distinct value of the fields below, and each passage's (its place in `values`, -1 for none). */
  values: unknown[];
  fields: Int32Array;
  order: Int32Array;
};

/** The fields kept as places in `values`, in the order a passage's own keys run (`fromColumns` reads them so). */
const FIELDS = ["sourceId", "kind", "section", "deals", "topics", "date", "ref"] as const;
const FIELD_COUNT = FIELDS.length;

export function toColumns(passages: readonly Passage[]): PassageColumns {
  const places = new Map<string, number>();
  const values: unknown[] = [];
  const fields = new Int32Array(passages.length * FIELD_COUNT);
  const textStarts = new Int32Array(passages.length + 1);
  const idStarts = new Int32Array(passages.length + 1);
  const order = new Int32Array(passages.length);
  passages.forEach((passage, at) => {
    textStarts[at + 1] = (textStarts[at] as number) + passage.text.length;
    idStarts[at + 1] = (idStarts[at] as number) + passage.id.length;
    order[at] = passage.order;
    FIELDS.forEach((field, f) => {
      const value = passage[field];
      if (value === undefined) {
        fields[at * FIELD_COUNT + f] = -1;
        return;
      }
      const key = JSON.stringify(value);
      let place = places.get(key);
      if (place === undefined) {
        place = values.length;
        places.set(key, place);
        values.push(value);
      }
      fields[at * FIELD_COUNT + f] = place;
    });
  });
  const inSlices = (field: "text" | "id") => {
    const pieces: string[] = [];
    for (let at = 0; at < passages.length; at += SLICE_PASSAGES)
      pieces.push(
        passages
          .slice(at, at + SLICE_PASSAGES)
          .map((passage) => passage[field])
          .join(""),
      );
    return encodePieces(pieces);
  };
  return { texts: inSlices("text"), ids: inSlices("id"), textStarts, idStarts, values, fields, order };
}

/** How many passages are made between two turns of the event loop. */
const SLICE_PASSAGES = 2048;

/**
 * The passages `toColumns` laid out, made a slice at a time, letting the event loop run in between. Passages
 * with the same deals (or topics) share one list: nothing changes a passage once it is loaded.
 */
export async function fromColumns(columns: PassageColumns): Promise<Passage[]> {
  const { texts, ids, textStarts, idStarts, values, fields, order } = columns;
  const passages = new Array<Passage>(order.length);
  let sliceTexts = "";
  let sliceIds = "";
  let textBase = 0;
  let idBase = 0;
  for (let at = 0; at < order.length; at++) {
    if (at % SLICE_PASSAGES === 0) {
      await nextTurn();
      sliceTexts = decodePiece(texts, at / SLICE_PASSAGES);
      sliceIds = decodePiece(ids, at / SLICE_PASSAGES);
      textBase = textStarts[at] as number;
      idBase = idStarts[at] as number;
    }
    const first = at * FIELD_COUNT;
    const passage = {
      id: sliceIds.slice((idStarts[at] as number) - idBase, (idStarts[at + 1] as number) - idBase),
      sourceId: values[fields[first] as number],
      kind: values[fields[first + 1] as number],
      section: values[fields[first + 2] as number],
      text: sliceTexts.slice(
        (textStarts[at] as number) - textBase,
        (textStarts[at + 1] as number) - textBase,
      ),
      deals: values[fields[first + 3] as number],
      topics: values[fields[first + 4] as number],
    } as Passage;
    // The optional fields are set only when present, as the loader does, so the keys run in the same order.
    const date = fields[first + 5] as number;
    if (date >= 0) passage.date = values[date] as string;
    const ref = fields[first + 6] as number;
    if (ref >= 0) passage.ref = values[ref] as string;
    passage.order = order[at] as number;
    passages[at] = passage;
  }
  return passages;
}
