import { type Answer, type CompareRow, excerptsOf, type Item } from "../../src/core/answer.js";

export { excerptsOf };

/** A list answer's items, or none. */
export const itemsOf = (answer: Answer): Item[] => (answer.body.kind === "list" ? answer.body.items : []);

/** A comparison's rows, or none. */
export const rowsOf = (answer: Answer): CompareRow[] =>
  answer.body.kind === "comparison" ? answer.body.rows : [];
