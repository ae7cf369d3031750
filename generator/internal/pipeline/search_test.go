package pipeline

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"kunskapsbanken/generator/internal/markdown"
	"kunskapsbanken/generator/internal/search/index"
)

func TestSections(t *testing.T) {
	h := func(id, text string) markdown.Heading { return markdown.Heading{Level: 2, ID: id, Text: text} }
	tests := []struct {
		name     string
		text     string
		headings []markdown.Heading
		want     []index.Section
	}{
		{"no headings", "a\nb", nil, []index.Section{{Text: "a\nb"}}},
		{"text, then a heading", "a\nB\nc\nd", []markdown.Heading{h("b", "B")},
			[]index.Section{{Text: "a"}, {ID: "b", Heading: "B", Text: "c\nd"}}},
		{"a heading first", "B\nc", []markdown.Heading{h("b", "B")},
			[]index.Section{{ID: "b", Heading: "B", Text: "c"}}},
		{"two headings in a row, the last empty", "B\nC", []markdown.Heading{h("b", "B"), h("c", "C")},
			[]index.Section{{ID: "b", Heading: "B"}, {ID: "c", Heading: "C"}}},
		{"a line like a later heading is text until its turn", "C\nB\nC\nx", []markdown.Heading{h("b", "B"), h("c", "C")},
			[]index.Section{{Text: "C"}, {ID: "b", Heading: "B"}, {ID: "c", Heading: "C", Text: "x"}}},
		{"empty", "", nil, []index.Section{{}}},
	}
	for _, tt := range tests {
		if got := sections(tt.text, tt.headings); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: sections(%q) = %#v, want %#v", tt.name, tt.text, got, tt.want)
		}
	}
}

// TestSearchIndexStreamed: kb build, which keeps the pages' text and the
// index's files in its spool rather than in memory, publishes the same
// index, file for file, as the one the preview builds in memory.
func TestSearchIndexStreamed(t *testing.T) {
	fsys := os.DirFS(repoRoot)
	mem, err := Run(Options{Root: fsys}) // no output: the text stays in memory
	if err != nil || mem.Diags.HasErrors() {
		t.Fatalf("build: %v %v", err, mem.Diags)
	}
	want := index.Build(SearchDocs(mem.Site), SearchWeights(mem.Site.Config)).Export()

	out := filepath.Join(t.TempDir(), "public")
	mustBuild(t, Options{Root: fsys, Out: out})
	got := snapshot(t, out)
	shards := 0
	for p := range got {
		if strings.HasPrefix(p, index.ShardDir) {
			shards++
		}
	}
	if shards != len(want)-1 {
		t.Errorf("%d files in %s, want %d", shards, index.ShardDir, len(want)-1)
	}
	for _, f := range want {
		if data, ok := got[f.Path]; !ok {
			t.Errorf("%s was not written", f.Path)
		} else if data != string(f.Data) {
			t.Errorf("%s differs from the index built in memory", f.Path)
		}
	}
}

// TestSearchDocsStopped: the preview's copy of what search reads, made
// with the update lock held, gives up when an update stops it, and gives
// SearchDocs's pages when not stopped.
func TestSearchDocsStopped(t *testing.T) {
	res, err := Run(Options{Root: os.DirFS(repoRoot)})
	if err != nil || res.Diags.HasErrors() {
		t.Fatalf("build: %v %v", err, res.Diags)
	}
	ctx, stop := context.WithCancel(context.Background())
	stop()
	if docs, err := searchDocs(ctx, res.Site, nil); docs != nil || !errors.Is(err, context.Canceled) {
		t.Errorf("stopped: %d pages, %v; want none and %v", len(docs), err, context.Canceled)
	}
	docs, err := searchDocs(context.Background(), res.Site, nil)
	if want := SearchDocs(res.Site); err != nil || len(want) == 0 || !reflect.DeepEqual(docs, want) {
		t.Errorf("not stopped: %d pages, %v; want SearchDocs's %d", len(docs), err, len(want))
	}
}
