import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../config/config';

/** The areas a plan's activities may belong to (content/action-plans/areas.json): a plan file naming another is refused. */
export const AREAS_FILE = path.join(projectRoot(), 'content', 'action-plans', 'areas.json');

export function knownAreas(): string[] {
  return (JSON.parse(readFileSync(AREAS_FILE, 'utf8')) as { areas: string[] }).areas;
}
