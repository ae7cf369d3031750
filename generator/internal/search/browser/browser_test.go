package browser

import (
	"bytes"
	"os/exec"
	"regexp"
	"strings"
	"testing"
)

// TestEngine: the bundle is one module with the engine's exports and no
// imports left, made the same way every time.
func TestEngine(t *testing.T) {
	a, err := bundle()
	if err != nil {
		t.Fatal(err)
	}
	b, err := bundle()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Error("two bundles of the same sources differ")
	}
	if regexp.MustCompile(`(?m)^\s*import\b`).Match(a) {
		t.Error("the bundle still imports a module")
	}
	m := regexp.MustCompile(`export \{([^}]*)\}`).FindSubmatch(a)
	if m == nil {
		t.Fatal("the bundle exports nothing")
	}
	for _, name := range []string{"Index", "distance", "open", "search"} {
		if !regexp.MustCompile(`\b` + name + `\b`).Match(m[1]) {
			t.Errorf("the bundle does not export %s: export {%s}", name, m[1])
		}
	}
}

// TestModulesLoadAlone: each module imports what it uses, so node loads
// engine.js from its folder as it is (js/package.json makes .js files ES
// modules).
func TestModulesLoadAlone(t *testing.T) {
	node := nodePath(t)
	out, err := exec.Command(node, "--input-type=module", "-e",
		`const m = await import("./js/engine.js"); const a = await import("./js/analysis.js");
console.log(Object.keys(m).sort().join(" ") + "|" + Object.keys(a).sort().join(" "));`).CombinedOutput()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, out)
	}
	if got, want := strings.TrimSpace(string(out)), "Index distance open search|analyze fold isStop stem stopWords tokenize"; got != want {
		t.Errorf("exports: %s, want %s", got, want)
	}
}
