// Copies the README's pictures, which the Chromium suites take as they walk the pages
// (test-artifacts/readme-*.png), into docs/screenshots. Run by `npm run docs:screenshots`.
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const from = path.join(root, 'test-artifacts');
const to = path.join(root, 'docs', 'screenshots');
mkdirSync(to, { recursive: true });
const pictures = readdirSync(from).filter((f) => f.startsWith('readme-') && f.endsWith('.png'));
if (pictures.length === 0) throw new Error(`no readme-*.png in ${from}: run the Chromium suites first`);
for (const f of pictures) copyFileSync(path.join(from, f), path.join(to, f.slice('readme-'.length)));
console.log(`docs/screenshots: ${pictures.length} pictures`);
