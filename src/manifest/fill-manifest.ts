/**
 * Fills a manifest template's ${{VAR}} placeholders the way Teams Toolkit does, from an env file.
 * A placeholder without a value is an error that names the variable: a half-filled manifest is
 * rejected by Teams with a far less helpful message.
 */
export class MissingVariablesError extends Error {
  constructor(readonly variables: string[]) {
    super(`Värden saknas för ${variables.join(', ')}`);
  }
}

const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

export function fillTemplate(template: string, values: Record<string, string | undefined>): string {
  const missing = new Set<string>();
  const filled = template.replace(PLACEHOLDER, (_whole, name: string) => {
    const value = values[name];
    if (value === undefined || value === '') {
      missing.add(name);
      return '';
    }
    // Values land inside JSON strings: escape them as JSON would.
    return JSON.stringify(value).slice(1, -1);
  });
  if (missing.size > 0) throw new MissingVariablesError([...missing].sort());
  return filled;
}
