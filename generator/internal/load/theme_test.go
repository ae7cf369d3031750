package load

import (
	"maps"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// TestReadThemeEmbedded: without themes/default/, ReadTheme reads kb's copy,
// which is the repository's folder file for file.
func TestReadThemeEmbedded(t *testing.T) {
	disk, d := ReadTheme(os.DirFS("../../.."), "default", 0, 0)
	if len(d) > 0 || disk.Embedded {
		t.Fatalf("the repository's theme: embedded %v, %v", disk.Embedded, d)
	}
	got, d := ReadTheme(fstest.MapFS{"content/omraden.yaml": {}}, "default", 0, 0)
	if len(d) > 0 || !got.Embedded {
		t.Fatalf("a project without themes/: embedded %v, %v", got.Embedded, d)
	}
	if len(disk.Files) < 10 || !maps.EqualFunc(got.Files, disk.Files, func(a, b []byte) bool { return string(a) == string(b) }) {
		t.Errorf("the embedded theme has %d files, themes/default %d, or their bytes differ", len(got.Files), len(disk.Files))
	}
}

// TestReadThemeProjectWins: a project's own folder is read whole, even when
// it lacks files kb's copy has.
func TestReadThemeProjectWins(t *testing.T) {
	fsys := fstest.MapFS{
		"themes/default/layouts/base.html": {Data: []byte("own")},
		"themes/default/.base.html.swp":    {Data: []byte("editor's")},
	}
	got, d := ReadTheme(fsys, "default", 0, 0)
	if len(d) > 0 || got.Embedded {
		t.Fatalf("embedded %v, %v", got.Embedded, d)
	}
	want := map[string][]byte{"layouts/base.html": []byte("own")}
	if !maps.EqualFunc(got.Files, want, func(a, b []byte) bool { return string(a) == string(b) }) {
		t.Errorf("files %v, want only the project's layouts/base.html", slices.Sorted(maps.Keys(got.Files)))
	}
}

// TestReadThemeMissing: a theme kb does not embed, without its folder, is
// one error where site.yaml names it, saying which folder and what to do.
func TestReadThemeMissing(t *testing.T) {
	fsys := fstest.MapFS{"themes/default/layouts/base.html": {Data: []byte("own")}}
	_, d := ReadTheme(fsys, "mitt-tema", 7, 8)
	if len(d) != 1 {
		t.Fatalf("%d messages, want 1: %v", len(d), d)
	}
	msg := d[0].String()
	for _, want := range []string{"site.yaml:7:8: ", `"mitt-tema"`, "themes/mitt-tema/ saknas", "theme: default"} {
		if !strings.Contains(msg, want) {
			t.Errorf("%q lacks %q", msg, want)
		}
	}
	if _, d := ReadTheme(fsys, "../content", 3, 8); len(d) != 1 || !strings.HasPrefix(d[0].String(), "site.yaml:3:8: ") {
		t.Errorf("a name that is no folder: %v", d)
	}
}
