package browser_test

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"kunskapsbanken/generator/internal/search/index"
)

// TestManifestFormat: the engine reads the format the index writes, and a
// manifest of another format (a cache's, from the site before an update)
// is fetched once more past the caches; if that one is of another format
// too, the search fails saying why, instead of loading files that are gone.
func TestManifestFormat(t *testing.T) {
	src, err := os.ReadFile("js/engine.js")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^const FORMAT = (\d+);`).FindSubmatch(src)
	if m == nil {
		t.Fatal("js/engine.js declares no FORMAT")
	}
	if got, _ := strconv.Atoi(string(m[1])); got != index.Version {
		t.Fatalf("js/engine.js reads format %d, the index writes format %d", got, index.Version)
	}

	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("node is needed to test the browser engine (scripts/install-test-deps.sh installs it): %v", err)
	}
	engine := engineFile(t)
	site := writeIndex(t, index.Build(swedishPages, index.DefaultWeights))
	type result struct {
		Pages     []int
		Error     string
		Manifests []bool
	}
	search := func(cached, fresh int) result {
		t.Helper()
		out, err := exec.Command(node, "testdata/manifest.mjs", engine, site, strconv.Itoa(cached), strconv.Itoa(fresh), "trygghetslarm").Output()
		if err != nil {
			t.Fatalf("node: %v\n%s", err, out)
		}
		var r result
		if err := json.Unmarshal(out, &r); err != nil {
			t.Fatalf("node's output %s: %v", out, err)
		}
		return r
	}
	v, old := index.Version, index.Version-1

	if r := search(v, v); r.Error != "" || len(r.Pages) == 0 || !slices.Equal(r.Manifests, []bool{false}) {
		t.Errorf("a manifest of the engine's format: %+v, want pages, no error, one plain fetch", r)
	}
	if r := search(old, v); r.Error != "" || len(r.Pages) == 0 || !slices.Equal(r.Manifests, []bool{false, true}) {
		t.Errorf("a cached manifest of format %d, a fresh one of %d: %+v, want pages after a plain fetch and a fresh one", old, v, r)
	}
	r := search(old, old)
	if len(r.Pages) != 0 || !slices.Equal(r.Manifests, []bool{false, true}) {
		t.Errorf("a manifest of format %d, cached and fresh: %+v, want no pages after a plain fetch and a fresh one", old, r)
	}
	for _, want := range []string{fmt.Sprintf("format %d", old), fmt.Sprintf("format %d", v), "reload the page"} {
		if !strings.Contains(r.Error, want) {
			t.Errorf("the error %q does not say %q", r.Error, want)
		}
	}
}
