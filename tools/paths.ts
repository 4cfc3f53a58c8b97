// Where the tools package and the pack it checks live: the same from tools/dist (compiled), from
// the sources (ts-node), and from a global install of the tools package.
import * as fs from "node:fs";
import * as path from "node:path";

/** The first directory at or above `from` whose package.json is named `name`. */
function packageDirOf(name: string, from: string): string {
    for (let dir = from; ; dir = path.dirname(dir)) {
        const manifest = path.join(dir, "package.json");
        if (fs.existsSync(manifest) && (JSON.parse(fs.readFileSync(manifest, "utf8")) as { name?: string }).name === name) return dir;
        if (path.dirname(dir) === dir) throw new Error(`no package.json named ${name} above ${from}`);
    }
}

/** The tools package: tools/ in the repository. */
export const TOOLS_ROOT = packageDirOf("cloud-run-binauthz-tools", __dirname);

/** The policy pack the tools run by default (the repository root, a dependency of the tools package). */
export const PACK_ROOT = path.dirname(fs.realpathSync(require.resolve("cloud-run-binauthz/package.json")));
