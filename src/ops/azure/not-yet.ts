/**
 * A part of the operational store not yet built on Azure Table Storage: any use says so. The Azure
 * contract suite runs only the parts that are built, and names them.
 */
/** Marks a part that is not yet built, so the store can refuse to open for the app with it. */
export const NOT_YET_ON_AZURE = Symbol('not yet on Azure Table Storage');

export function notYetOnAzure<T extends object>(part: string): T {
  return new Proxy({} as T, {
    get: (_target, property) => {
      if (property === NOT_YET_ON_AZURE) return part;
      if (property === 'then') return undefined;
      return () => Promise.reject(new Error(`the operational store's ${part} is not yet on Azure Table Storage (${String(property)})`));
    },
  });
}
