import { setImmediate as nextTurn } from "node:timers/promises";

/**
 * A JSON-able object cut into JSON strings of bounded size, so the thread that receives it can parse it
 * piece by piece, letting the event loop run between pieces. Strings cross `postMessage` as one copy.
 */
export type JsonSlices = { [field: string]: { whole: string } | { items: string[] } | { entries: string[] } };

/** About how much JSON one piece holds: parsed in a few milliseconds. */
const SLICE_CHARS = 128 * 1024;

export function toSlices(value: object, sliceChars = SLICE_CHARS): JsonSlices {
  const slices: JsonSlices = {};
  for (const [field, inner] of Object.entries(value)) {
    if (Array.isArray(inner)) slices[field] = { items: pack(inner, sliceChars) };
    else if (inner !== null && typeof inner === "object")
      slices[field] = { entries: pack(Object.entries(inner), sliceChars) };
    else slices[field] = { whole: JSON.stringify(inner) ?? "null" };
  }
  return slices;
}

/** The object `toSlices` cut, parsed one piece per turn of the event loop. */
export async function fromSlices<T>(slices: JsonSlices): Promise<T> {
  const value: Record<string, unknown> = {};
  for (const [field, slice] of Object.entries(slices)) {
    if ("whole" in slice) {
      value[field] = JSON.parse(slice.whole);
      continue;
    }
    const items: unknown[] = [];
    for (const piece of "items" in slice ? slice.items : slice.entries) {
      await nextTurn();
      for (const item of JSON.parse(piece) as unknown[]) items.push(item);
    }
    value[field] = "items" in slice ? items : Object.fromEntries(items as [string, unknown][]);
  }
  return value as T;
}

/** JSON arrays of the items, each about `sliceChars` long (an item longer than that goes alone). */
function pack(items: readonly unknown[], sliceChars: number): string[] {
  const pieces: string[] = [];
  let batch: string[] = [];
  let chars = 0;
  for (const item of items) {
    const json = JSON.stringify(item) ?? "null";
    if (chars + json.length > sliceChars && batch.length > 0) {
      pieces.push(`[${batch.join(",")}]`);
      batch = [];
      chars = 0;
    }
    batch.push(json);
    chars += json.length + 1;
  }
  if (batch.length > 0) pieces.push(`[${batch.join(",")}]`);
  return pieces;
}
