import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { LearningModule } from './learning-module';
import { parseModuleFile, type ModuleProblem } from './module-file';

/** The modules that loaded, in list order, and what was wrong with the files that did not. */
export interface ModuleLibrary {
  modules: LearningModule[];
  problems: ModuleProblem[];
  byId(id: string): LearningModule | undefined;
}

export function libraryOf(modules: LearningModule[], problems: ModuleProblem[] = []): ModuleLibrary {
  const sorted = [...modules].sort((a, b) => a.order - b.order || a.title.localeCompare(b.title, 'sv'));
  const index = new Map(sorted.map((m) => [m.id, m]));
  return { modules: sorted, problems, byId: (id) => index.get(id) };
}

/**
 * Reads every *.yaml / *.yml file in `dir`. A broken file is reported and left out; the others
 * still load, so one bad edit never takes all training away. Two files with the same id: the
 * second is refused.
 */
export function loadModuleLibrary(dir: string): ModuleLibrary {
  const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
  const modules: LearningModule[] = [];
  const problems: ModuleProblem[] = [];
  const seen = new Map<string, string>();
  for (const name of files) {
    const file = path.join(dir, name);
    const result = parseModuleFile(name, readFileSync(file, 'utf8'), name.replace(/\.ya?ml$/, ''));
    if ('problems' in result) {
      problems.push(...result.problems);
      continue;
    }
    const earlier = seen.get(result.module.id);
    if (earlier) {
      problems.push({ file: name, line: 1, message: `id "${result.module.id}" finns redan i ${earlier}` });
      continue;
    }
    seen.set(result.module.id, name);
    modules.push(result.module);
  }
  return libraryOf(modules, problems);
}
