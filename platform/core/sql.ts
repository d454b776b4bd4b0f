/** Collects bind parameters while SQL text is assembled from validated, quoted identifiers only. */
export class Params {
  readonly values: unknown[] = [];

  /** Add a value and return its placeholder ($n). */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}
