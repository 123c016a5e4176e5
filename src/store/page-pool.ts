/**
 * Reuse of the page buffers the bulk writers assemble (pairs-bytes.ts, document-rows-bytes.ts).
 *
 * @module
 */
/**
 * Page buffers for reuse: each grows to a page (~2.3 MB for 5,000 invoices), so a writer takes
 * one per page and gives it back once the page's statement has completed (not before: the driver
 * reads the bytes when it sends the statement).
 */
export class PagePool<T extends { reset(): void }> {
  private readonly spare: T[] = [];

  constructor(private readonly create: () => T) {}

  take(): T {
    const page = this.spare.pop();
    if (!page) return this.create();
    page.reset();
    return page;
  }

  give(page: T): void {
    this.spare.push(page);
  }
}
