package render_test

import (
	"bytes"
	"io/fs"
	"maps"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	"kunskapsbanken/generator/internal/load"
	"kunskapsbanken/generator/internal/pipeline"
	"kunskapsbanken/generator/internal/render"
	"kunskapsbanken/generator/internal/site"
)

// loadRepoTheme reads the repository's default theme and loads it for s.
func loadRepoTheme(t *testing.T, root fs.FS, s *site.Site) *render.Theme {
	t.Helper()
	files, d := load.ReadTheme(root, "default", 0, 0)
	if d.HasErrors() {
		t.Fatal(d)
	}
	theme, d := render.LoadTheme("themes/default", files.Files, s.Config.Language)
	if d.HasErrors() {
		t.Fatal(d)
	}
	return theme
}

// renderedPages renders jobs and returns each page's bytes by path.
func renderedPages(t *testing.T, theme *render.Theme, s *site.Site, jobs []*render.Data) map[string][]byte {
	t.Helper()
	var mu sync.Mutex
	out := map[string][]byte{}
	err := theme.RenderPages(s, jobs, func(path string, data []byte) error {
		mu.Lock()
		out[path] = bytes.Clone(data)
		mu.Unlock()
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// Every page of the repository's own site, with the footer, the cards and
// the rows of "Vem använder vad" minified once and spliced in, is byte for
// byte the page minified whole. The site has every layout, lists with
// cards and the usage table.
func TestFragmentsAsWholePages(t *testing.T) {
	root := os.DirFS("../../..")
	res, err := pipeline.Run(pipeline.Options{Root: root})
	if err != nil || res.Diags.HasErrors() {
		t.Fatalf("build: %v %v", err, res.Diags)
	}
	render1 := func(whole bool) map[string][]byte {
		theme := loadRepoTheme(t, root, res.Site)
		if whole {
			render.MinifyWholePages(theme)
		}
		return renderedPages(t, theme, res.Site, theme.Jobs(res.Site, false))
	}
	spliced, whole := render1(false), render1(true)
	if len(spliced) != len(whole) || len(whole) < 50 {
		t.Fatalf("%d pages spliced, %d whole", len(spliced), len(whole))
	}
	for _, path := range slices.Sorted(maps.Keys(whole)) {
		if bytes.Contains(whole[path], []byte("data-kb-fragment")) {
			t.Errorf("%s: a placeholder in the reference", path)
		}
		if !bytes.Equal(spliced[path], whole[path]) {
			t.Errorf("%s: spliced fragments differ from the page minified whole:\n%s\nwant\n%s", path, spliced[path], whole[path])
		}
	}
}

// Once the pages of "Vem använder vad" are rendered, their table lets its
// orders and rows go (the rest of the render stage would hold them), and
// the same jobs rendered again make them again: the same bytes.
func TestUsageTableReleased(t *testing.T) {
	root := os.DirFS("../../..")
	res, err := pipeline.Run(pipeline.Options{Root: root})
	if err != nil || res.Diags.HasErrors() {
		t.Fatalf("build: %v %v", err, res.Diags)
	}
	theme := loadRepoTheme(t, root, res.Site)
	jobs := theme.Jobs(res.Site, false)
	renderAll := func() map[string][]byte { return renderedPages(t, theme, res.Site, jobs) }
	first := renderAll()
	if render.UsageTableHeld(jobs) {
		t.Error("the usage table still holds its orders after the render")
	}
	usage := 0
	for _, path := range slices.Sorted(maps.Keys(first)) {
		if strings.HasPrefix(path, site.UsageURL) && bytes.Contains(first[path], []byte("<tr")) {
			usage++
		}
	}
	if usage < 2 {
		t.Fatalf("%d usage pages with rows: too few to tell", usage)
	}
	again := renderAll()
	for _, path := range slices.Sorted(maps.Keys(first)) {
		if !bytes.Equal(first[path], again[path]) {
			t.Errorf("%s: rendered again with the same jobs, the page differs", path)
		}
	}
}
