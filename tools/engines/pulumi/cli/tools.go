//go:build tools

// Package tools pins the main packages this module builds, so that `go mod tidy` keeps their
// dependencies.
package tools

import (
	_ "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml"
	_ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
)
