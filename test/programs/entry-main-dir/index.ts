// Not the program: Pulumi.yaml main points at src/. A check that ran this file would pass.
export {};
