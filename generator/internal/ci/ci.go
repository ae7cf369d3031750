// Package ci is what kb's GitHub workflows rely on that Go can check: the
// release targets (Targets), which .github/workflows/release.yml builds
// and TypeCheck checks kb against on every test run, and the rules every
// workflow keeps (ci_test.go): the release matrix is Targets, and no
// issue or pull request text is ever part of a script.
//
// TypeCheck type-checks from source rather than compiling: a build for
// each of five targets from an empty cache takes minutes on two cores,
// type-checking a fraction of that, and it finds what goes wrong between
// platforms (a file with build constraints, an API one system lacks).
package ci

import (
	"fmt"
	"os"
	"strings"

	"golang.org/x/tools/go/packages"
)

// Target is one GOOS/GOARCH pair kb is released for.
type Target struct {
	GOOS, GOARCH string
	Asset        string // the release file's name
}

// Targets are the computers editors have: Windows, macOS on Apple and
// Intel chips, Linux on both.
var Targets = []Target{
	{"windows", "amd64", "kb-windows-amd64.exe"},
	{"darwin", "arm64", "kb-macos-arm64"},
	{"darwin", "amd64", "kb-macos-amd64"},
	{"linux", "amd64", "kb-linux-amd64"},
	{"linux", "arm64", "kb-linux-arm64"},
}

// Command is the package every target builds.
const Command = "kunskapsbanken/generator/cmd/kb"

// TypeCheck type-checks Command and everything it imports as built for t,
// from the module in dir, with cgo off as in a release. It returns every
// error found, one a line.
func TypeCheck(dir string, t Target) error {
	cfg := &packages.Config{
		Mode: packages.LoadAllSyntax,
		Dir:  dir,
		Env:  append(os.Environ(), "GOOS="+t.GOOS, "GOARCH="+t.GOARCH, "CGO_ENABLED=0", "GOFLAGS=-mod=readonly"),
	}
	pkgs, err := packages.Load(cfg, Command)
	if err != nil {
		return err
	}
	var errs []string
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			errs = append(errs, e.Error())
		}
	})
	if len(errs) > 0 {
		return fmt.Errorf("%s/%s:\n%s", t.GOOS, t.GOARCH, strings.Join(errs, "\n"))
	}
	return nil
}
