// ESLint flat config: typescript-eslint's recommended rules over the pack, tools, tests and bench.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
    { ignores: ["dist/**", "tools/dist/**", "node_modules/**", "**/node_modules/**", "bench/floor/**", "**/venv/**"] },
    js.configs.recommended,
    ...tseslint.configs.recommended,
    {
        languageOptions: {
            globals: { require: "readonly", module: "readonly", process: "readonly", __dirname: "readonly", console: "readonly" },
        },
        rules: {
            "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
            "@typescript-eslint/no-require-imports": "off",
        },
    },
    {
        files: ["tools/engines/builtin/capture.ts"],
        rules: { "@typescript-eslint/no-explicit-any": "off" },
    },
);
