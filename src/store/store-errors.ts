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
