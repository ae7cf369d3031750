package search_test

import (
	"flag"
	"os"
	"testing"
)

var updateEngine = flag.Bool("update-engine", false, "write "+engineFile+" from js/analys.js and js/motor.js")

// engineHeader opens the shipped engine, which is made, not written.
const engineHeader = "// The search engine of the site: generated from generator/internal/search/js/\n" +
	"// (analys.js, then motor.js) by `go test ./generator/internal/search -update-engine`.\n" +
	"// Edit those files, not this one.\n\n"

// TestEngineFile: the theme ships the engine as one module (asset names
// are content-hashed, so modules cannot import each other by name); it
// must be exactly js/analys.js followed by js/motor.js, the files the
// other tests read and people edit.
func TestEngineFile(t *testing.T) {
	var want []byte
	want = append(want, engineHeader...)
	for _, f := range []string{"js/analys.js", "js/motor.js"} {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, data...)
	}
	if *updateEngine {
		if err := os.WriteFile(engineFile, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(engineFile)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Errorf("%s is not js/analys.js + js/motor.js; run go test ./generator/internal/search -run TestEngineFile -update-engine", engineFile)
	}
}
