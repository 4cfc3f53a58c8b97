// Not the program: Pulumi.yaml main points at infra/stack.ts.
export {};
