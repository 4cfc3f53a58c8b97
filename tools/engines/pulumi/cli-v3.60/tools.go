//go:build tools

// Package tools pins the main packages this module builds: pulumi v3.60.0 with the language hosts
// that sdk/v3 v3.60.0 still carries (Node.js, Python, Go), and pulumi-language-yaml v1.1.1, the
// YAML host that compiles against that sdk and runs under that engine.
package tools

import (
	_ "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml"
	_ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
	_ "github.com/pulumi/pulumi/sdk/v3/go/pulumi-language-go"
	_ "github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs"
	_ "github.com/pulumi/pulumi/sdk/v3/python/cmd/pulumi-language-python"
)
