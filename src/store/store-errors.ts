/** Failures a caller of the Store can act on, the same whichever store is behind it. */
export class ConcurrencyConflictError extends Error {
  constructor(
    readonly listName: string,
    readonly itemId: string,
  ) {
    super(`${listName}/${itemId} har ändrats sedan det lästes`);
    this.name = 'ConcurrencyConflictError';
  }
}

export class NotIndexedError extends Error {
  constructor(listName: string, field: string) {
    super(`Fältet '${field}' i ${listName} är inte indexerat och kan inte användas i filter eller sortering`);
    this.name = 'NotIndexedError';
  }
}

export class ItemNotFoundError extends Error {
  constructor(listName: string, itemId: string) {
    super(`${listName}/${itemId} finns inte`);
    this.name = 'ItemNotFoundError';
  }
}

/**
 * A query SharePoint refuses once a list holds more than the list view threshold (5,000 items):
 * its indexed filter matches more items than that, or it cannot use an index at all (`ne`). Paging
 * and `$top` do not help; the query has to narrow further (see README, "Records in SharePoint").
 */
export class ListViewThresholdError extends Error {
  constructor(
    readonly listName: string,
    readonly field: string,
    readonly threshold: number,
  ) {
    super(`Frågan mot ${listName} på '${field}' skulle gå igenom fler än ${threshold.toLocaleString('sv-SE')} poster, listvyns tröskel i SharePoint`);
    this.name = 'ListViewThresholdError';
  }
}
