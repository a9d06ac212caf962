import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Compiler } from 'webpack';

/**
 * `ANJU_BUNDLE_REPORT=/tmp/report.json npm run build:weapp` (or build:h5): writes, for each chunk of the build,
 * its files and its modules (path relative to the repository, size before minifying, and the modules that
 * import it), largest first — to find what lands in the mini-program's main package or the browser's first
 * screen (issue #19 budgets, `npm run bench -- pages`). Off unless the variable is set.
 */
export class BundleReport {
  constructor(
    private readonly file: string,
    private readonly root: string,
  ) {}

  apply(compiler: Compiler): void {
    const rel = (name: string) =>
      name.startsWith(this.root) ? path.relative(this.root, name) : name.replace(/.*node_modules\//, '');
    compiler.hooks.emit.tap('AnjuBundleReport', (compilation) => {
      const { chunkGraph, moduleGraph } = compilation;
      const chunks = [...compilation.chunks].map((chunk) => {
        const modules = [...chunkGraph.getChunkModulesIterable(chunk)].flatMap((m) => {
          const inner = (m as { modules?: Iterable<typeof m> }).modules;
          return inner ? [...inner] : [m];
        });
        return {
          name: chunk.name,
          files: [...chunk.files],
          modules: modules
            .map((m) => ({
              name: rel(m.nameForCondition() ?? m.identifier()),
              size: m.size(),
              importedBy: [
                ...new Set(
                  [...moduleGraph.getIncomingConnections(m)]
                    .map((c) => c.originModule)
                    .filter((o): o is NonNullable<typeof o> => !!o)
                    .map((o) => rel(o.nameForCondition() ?? o.identifier())),
                ),
              ],
            }))
            .sort((a, b) => b.size - a.size),
        };
      });
      writeFileSync(this.file, JSON.stringify(chunks, null, 1));
    });
  }
}
