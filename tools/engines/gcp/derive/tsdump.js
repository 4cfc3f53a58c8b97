// Dev-only helper of derive_schemas.py: prints, for resource classes of @pulumi/gcp, the tree of
// property names (arrays and nested objects) their declarations give, as JSON.
// Usage: node tsdump.js '{"gcp:cloudrunv2/service:Service": "cloudrunv2/service.d.ts#Service"}'
const ts = require("typescript");
const path = require("node:path");

const base = path.dirname(require.resolve("@pulumi/gcp/package.json"));
const targets = JSON.parse(process.argv[2]);
const files = Object.values(targets).map((t) => path.join(base, t.split("#")[0]));
const program = ts.createProgram(files, { strict: true, skipLibCheck: true });
const checker = program.getTypeChecker();

function walk(t, depth) {
    if (depth > 12) return null;
    t = checker.getNonNullableType(t);
    if (t.isUnion()) {
        const parts = t.types.filter((x) => !(x.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)));
        if (parts.length !== 1) return { prim: checker.typeToString(t) };
        t = parts[0];
    }
    if (checker.isArrayType(t)) return { array: true, elem: walk(checker.getTypeArguments(t)[0], depth + 1) };
    if (t.flags & ts.TypeFlags.Object) {
        if (checker.getIndexInfosOfType(t).length) return { map: true };
        const props = checker.getPropertiesOfType(t);
        if (!props.length) return { prim: checker.typeToString(t) };
        const out = {};
        for (const p of props) out[p.name] = walk(checker.getTypeOfSymbol(p), depth + 1);
        return { obj: out };
    }
    return { prim: checker.typeToString(t) };
}

const result = {};
for (const [tok, spec] of Object.entries(targets)) {
    const [file, cls] = spec.split("#");
    const sf = program.getSourceFile(path.join(base, file));
    const sym = checker.getSymbolAtLocation(sf).exports.get(cls);
    const out = {};
    for (const p of checker.getPropertiesOfType(checker.getDeclaredTypeOfSymbol(sym))) {
        const decl = p.valueDeclaration;
        if (p.name.startsWith("__") || !decl || !decl.type) continue;
        if (!ts.isTypeReferenceNode(decl.type) || !decl.type.typeArguments) continue; // pulumi.Output<X>
        out[p.name] = walk(checker.getTypeFromTypeNode(decl.type.typeArguments[0]), 0);
    }
    result[tok] = out;
}
console.log(JSON.stringify(result));
