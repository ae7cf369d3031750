package pipeline

import (
	"maps"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"kunskapsbanken/generator/internal/diag"
)

// withoutThemes is fsys without its themes/ folder, as a downloaded copy of
// the content may be.
func withoutThemes(fsys fstest.MapFS) fstest.MapFS {
	out := maps.Clone(fsys)
	maps.DeleteFunc(out, func(p string, _ *fstest.MapFile) bool { return strings.HasPrefix(p, "themes/") })
	return out
}

// TestEmbeddedTheme: the repository's content builds without themes/, with
// the theme kb embeds, to the same bytes as with the repository's
// themes/default/; a project's own copy of the theme is the one used.
func TestEmbeddedTheme(t *testing.T) {
	with := fromRepo(t, "site.yaml", "content", "themes/default")
	without := withoutThemes(with)
	a, b := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
	mustBuild(t, Options{Root: with, Out: a})
	mustBuild(t, Options{Root: without, Out: b})
	sa, sb := snapshot(t, a), snapshot(t, b)
	if len(sa) != len(sb) {
		t.Errorf("%d files with themes/default, %d without", len(sa), len(sb))
	}
	for p, data := range sa {
		if sb[p] != data {
			t.Errorf("%s differs between the project's theme and the embedded one", p)
		}
	}

	own := maps.Clone(with)
	own["themes/default/layouts/404.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}<h1>Eget tema</h1>{{end}}`)}
	c := filepath.Join(t.TempDir(), "c")
	mustBuild(t, Options{Root: own, Out: c})
	if got := snapshot(t, c)["404.html"]; !strings.Contains(got, "<h1>Eget tema</h1>") {
		t.Errorf("the project's own 404.html was not used:\n%.300s", got)
	}
}

// TestMissingTheme: a theme kb does not embed, without its folder, is one
// error at the theme line of site.yaml, not one per file the theme lacks,
// and nothing is published.
func TestMissingTheme(t *testing.T) {
	fsys := withoutThemes(validProject(t))
	fsys["site.yaml"] = &fstest.MapFile{Data: []byte("title: Test\ntheme: mitt-tema\n")}
	for _, out := range []string{"", filepath.Join(t.TempDir(), "public")} {
		res, err := Run(Options{Root: fsys, Out: out})
		if err != nil {
			t.Fatal(err)
		}
		want := `site.yaml:2:8: temat "mitt-tema" finns inte: mappen themes/mitt-tema/ saknas. Lägg temats filer där (börja gärna med en kopia av themes/default från kunskapsbankens repository), eller skriv theme: default i site.yaml för temat som följer med kb`
		var errs diag.List // warnings about the rest of the project are not this test's business
		for _, d := range res.Diags {
			if d.Severity == diag.Error {
				errs = append(errs, d)
			}
		}
		if len(errs) != 1 || errs[0].String() != want {
			t.Errorf("out %q: errors %v, want only\n%s", out, errs, want)
		}
		if res.Published {
			t.Errorf("out %q: published without a theme", out)
		}
	}
}
