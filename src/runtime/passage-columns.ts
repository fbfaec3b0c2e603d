import { setImmediate as nextTurn } from "node:timers/promises";
import type { Passage } from "../core/model.js";
import { buffersOf } from "../core/text.js";

/**
 * Passages as columns, to hand from one thread to another: every text in one string and every id in another
 * (each long enough to sit outside the young generation, where a collection would copy it), the few distinct
 * small values (sources, sections, dates, refs, lists of deals and topics) once each, and the rest as typed
 * arrays that move without a copy. The receiving thread then makes one object per passage, whose text and id
 * are slices of the long strings, not copies.
 */
export type PassageColumns = {
  texts: string;
  ids: string;
  /** Passage p's text is `texts.slice(textStarts[p], textStarts[p + 1])`, its id likewise. */
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
  const texts = passages.map((passage) => passage.text).join("");
  const ids = passages.map((passage) => passage.id).join("");
  return { texts, ids, textStarts, idStarts, values, fields, order };
}

/** The buffers of the columns' typed arrays, for `postMessage`'s transfer list. */
export function columnsTransferList(columns: PassageColumns): ArrayBuffer[] {
  return buffersOf([columns.textStarts, columns.idStarts, columns.fields, columns.order]);
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
  for (let at = 0; at < order.length; at++) {
    if (at % SLICE_PASSAGES === 0) await nextTurn();
    const first = at * FIELD_COUNT;
    const passage = {
      id: ids.slice(idStarts[at], idStarts[at + 1]),
      sourceId: values[fields[first] as number],
      kind: values[fields[first + 1] as number],
      section: values[fields[first + 2] as number],
      text: texts.slice(textStarts[at], textStarts[at + 1]),
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
