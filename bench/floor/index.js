// The benchmark's floor: the unavoidable cost of Node, @pulumi/policy and gRPC, with trivial work.
const { PolicyPack } = require("@pulumi/policy");

new PolicyPack("floor", {
    policies: [
        {
            name: "floor-resource",
            description: "Reads one property of every resource.",
            enforcementLevel: "mandatory",
            validateResource: (args, report) => {
                if (args.type === "floor:never:Reported") report("never");
            },
        },
        {
            name: "floor-stack",
            description: "Reads the type of every resource.",
            enforcementLevel: "mandatory",
            validateStack: (args, report) => {
                let n = 0;
                for (const r of args.resources) if (r.type === "floor:never:Reported") n++;
                if (n) report("never");
            },
        },
    ],
});
