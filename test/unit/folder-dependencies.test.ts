import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../src/config/config';

/**
 * The folders' imports form no cycle: each folder can be loaded (and moved) with only what it
 * depends on. A folder is bot/<sub> or src/<sub>; bot's own files are the folder "bot". Type-only
 * imports are left out, as eslint-plugin-import's no-cycle does: they vanish when compiled, and
 * the Store contract must name the records the domain folders define.
 */
const root = projectRoot();

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
  );
}

function folderOf(file: string): string {
  const [top, sub, ...rest] = file.split(path.sep);
  return rest.length === 0 && top === 'bot' ? 'bot' : `${top}/${sub}`;
}

function folderGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of [...sourceFiles('bot'), ...sourceFiles('src')]) {
    const from = folderOf(file);
    const edges = graph.get(from) ?? new Set<string>();
    graph.set(from, edges);
    const code = readFileSync(path.join(root, file), 'utf8').replace(/^(import|export) type [^;]*;/gms, '');
    for (const [, spec] of code.matchAll(/(?:from|import)\s+'(\.[^']+)'/g)) {
      const target = path.relative(root, path.resolve(root, path.dirname(file), spec!));
      if (!/^(bot|src)\//.test(target) && target !== 'bot') continue;
      const to = folderOf(target.endsWith('.json') || target.includes('.') ? target : `${target}.ts`);
      if (to !== from) edges.add(to);
    }
  }
  return graph;
}

/** Cycles as the folder paths that close them (Tarjan's strongly connected components of more than one folder). */
function cyclesIn(graph: Map<string, Set<string>>): string[][] {
  let index = 0;
  const stack: string[] = [];
  const meta = new Map<string, { index: number; low: number; onStack: boolean }>();
  const found: string[][] = [];
  const visit = (v: string) => {
    meta.set(v, { index, low: index, onStack: true });
    index++;
    stack.push(v);
    for (const w of graph.get(v) ?? []) {
      if (!meta.has(w)) {
        visit(w);
        meta.get(v)!.low = Math.min(meta.get(v)!.low, meta.get(w)!.low);
      } else if (meta.get(w)!.onStack) meta.get(v)!.low = Math.min(meta.get(v)!.low, meta.get(w)!.index);
    }
    if (meta.get(v)!.low === meta.get(v)!.index) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        meta.get(w)!.onStack = false;
        component.push(w);
      } while (w !== v);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!meta.has(v)) visit(v);
  return found;
}

describe('folder dependencies', () => {
  it('have no cycle between folders', () => {
    expect(cyclesIn(folderGraph())).toEqual([]);
  });

  it('would name a cycle if there were one', () => {
    const graph = new Map([['src/a', new Set(['src/b'])], ['src/b', new Set(['src/c'])], ['src/c', new Set(['src/a'])]]);
    expect(cyclesIn(graph)).toEqual([['src/a', 'src/b', 'src/c']]);
  });

  it('keeps production code out of demo/, but for the seeding step', () => {
    const users = [...sourceFiles('bot'), ...sourceFiles('src')].filter(
      (f) => !f.startsWith(`src${path.sep}demo`) && /from '[./]*demo\/(?!seed-demo-data')/.test(readFileSync(path.join(root, f), 'utf8')),
    );
    // The playground is a developer's tool for trying the bot as the demo people.
    expect(users.filter((f) => !f.startsWith(`src${path.sep}playground`))).toEqual([]);
  });
});
