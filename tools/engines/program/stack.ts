// Which stack config a check reads, as the CLI reads it: `Pulumi.<stack>.yaml` beside Pulumi.yaml
// (or in `stackConfigDir`). A stack without a file has empty stack config, as a stack that
// `pulumi stack init` just made: project config and --config are all it gets. Both engines read
// the stack through this file, so they agree on which config a program sees.
import * as fs from "node:fs";
import * as path from "node:path";

/** The stack check uses when --stack is not given. */
export const DEFAULT_STACK = "dev";

/** The stack file of a project root (honours Pulumi.yaml `stackConfigDir`). */
export function stackFilePath(root: string, stackConfigDir: string | undefined, stack: string): string {
    return path.join(root, stackConfigDir ?? "", `Pulumi.${stack}.yaml`);
}

/** The stacks that have a file in `dir` (`Pulumi.<stack>.yaml` / `.yml`), sorted. */
export function stackFilesIn(dir: string): string[] {
    let entries: string[];
    try {
        entries = fs.readdirSync(dir);
    } catch {
        return [];
    }
    return entries
        .map((f) => /^Pulumi\.(.+)\.ya?ml$/.exec(f)?.[1])
        .filter((s): s is string => !!s)
        .sort();
}

/** The stack to check and its file; `file` is undefined when the stack has none (empty stack config). */
export interface StackChoice {
    stack: string;
    file?: string;
}

/**
 * The stack and its config file. With --stack, that stack, file or not. Without, the default stack;
 * when it has no file but other stacks do, the choice is ambiguous and the check refuses, naming them.
 * Returns the refusal's one line instead of a choice.
 */
export function chooseStack(
    root: string,
    stackConfigDir: string | undefined,
    given: string | undefined,
): StackChoice | { refusal: string } {
    const stack = given ?? DEFAULT_STACK;
    const file = stackFilePath(root, stackConfigDir, stack);
    if (fs.existsSync(file)) return { stack, file };
    if (given === undefined) {
        const others = stackFilesIn(path.dirname(file));
        if (others.length) {
            return {
                refusal:
                    `${root} has no ${path.relative(root, file)} for the default stack "${stack}", but has stack files for ` +
                    `${others.map((s) => `"${s}"`).join(", ")}; name the stack to check with --stack NAME`,
            };
        }
    }
    return { stack };
}
