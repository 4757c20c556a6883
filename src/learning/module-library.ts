import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { LearningModule } from './learning-module';
import { MAX_MODULE_FILE_BYTES, parseModuleFile, tooLarge, type ModuleProblem } from './module-file';

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
 * second is refused. Each file is read within limits (size, YAML aliases) and on its own, so that
 * a hostile file (a "billion laughs" alias bomb, say) is named as a problem and stops nothing.
 */
export function loadModuleLibrary(dir: string): ModuleLibrary {
  const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
  const modules: LearningModule[] = [];
  const problems: ModuleProblem[] = [];
  const seen = new Map<string, string>();
  for (const name of files) {
    const file = path.join(dir, name);
    let source: string;
    try {
      const size = statSync(file).size;
      if (size > MAX_MODULE_FILE_BYTES) {
        problems.push(tooLarge(name, size));
        continue;
      }
      source = readFileSync(file, 'utf8');
    } catch (err) {
      problems.push({ file: name, line: 1, message: `Filen kan inte läsas: ${(err as Error).message}` });
      continue;
    }
    const result = parseModuleFile(name, source, name.replace(/\.ya?ml$/, ''));
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
