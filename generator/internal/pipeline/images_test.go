package pipeline

import (
	"bytes"
	"image"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

const bundlePage = "---\ntitle: \"Paket\"\nsummary: \"S.\"\nmunicipality: Lund\nareas: [digitala-las]\nstatus: pilot\npublished: 2024-01-01\n---\n\n"

// TestImagesInBuild: a bundle's image is published with its copies beside
// it, the page says their sizes, and a second build with the same cache
// encodes nothing and writes the same bytes.
func TestImagesInBuild(t *testing.T) {
	fsys := baseProject(t)
	fsys["content/fallstudier/paket/index.md"] = &fstest.MapFile{Data: []byte(bundlePage + "![Ett lås](<lås bild.png>)\n\n![Liten](liten.jpg)\n")}
	fsys["content/fallstudier/paket/lås bild.png"] = testImage(t, "png", 1000, 400, 0)
	fsys["content/fallstudier/paket/liten.jpg"] = testImage(t, "jpeg", 300, 200, 0)
	cache := filepath.Join(t.TempDir(), "bilder")
	out := filepath.Join(t.TempDir(), "public")
	mustBuild(t, Options{Root: fsys, Out: out, Cache: cache})
	files := snapshot(t, out)

	for name, size := range map[string]image.Point{"lås bild-480w.png": {480, 192}, "lås bild-960w.png": {960, 384}} {
		data, ok := files["fallstudier/paket/"+name]
		if !ok {
			t.Errorf("%s was not published", name)
			continue
		}
		if cfg, _, err := image.DecodeConfig(strings.NewReader(data)); err != nil || cfg.Width != size.X || cfg.Height != size.Y {
			t.Errorf("%s: %v %dx%d, want %v", name, err, cfg.Width, cfg.Height, size)
		}
	}
	page := files["fallstudier/paket/index.html"]
	for _, want := range []string{
		`<img src="/kb/fallstudier/paket/l%C3%A5s%20bild.png" alt="Ett lås" loading="lazy" decoding="async" width="1000" height="400" srcset="/kb/fallstudier/paket/l%C3%A5s%20bild-480w.png 480w, /kb/fallstudier/paket/l%C3%A5s%20bild-960w.png 960w, /kb/fallstudier/paket/l%C3%A5s%20bild.png 1000w" sizes="(min-width: 48rem) 44rem, 100vw">`,
		`<img src="/kb/fallstudier/paket/liten.jpg" alt="Liten" loading="lazy" decoding="async" width="300" height="200">`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	for name := range files {
		if strings.HasPrefix(name, "fallstudier/paket/liten-") {
			t.Errorf("a copy of a narrow image: %s", name)
		}
	}

	entries, _ := filepath.Glob(filepath.Join(cache, "*"))
	if len(entries) != 2 {
		t.Fatalf("cache holds %v, want the two copies", entries)
	}
	// The entries are dated long ago: one written again would be dated now,
	// however little time the second build takes.
	old := time.Date(2001, 2, 3, 4, 5, 6, 0, time.UTC)
	for _, e := range entries {
		if err := os.Chtimes(e, old, old); err != nil {
			t.Fatal(err)
		}
	}
	mustBuild(t, Options{Root: fsys, Out: out, Cache: cache})
	again := snapshot(t, out)
	for name, data := range files {
		if again[name] != data {
			t.Errorf("%s differs in the second build", name)
		}
	}
	if after, _ := filepath.Glob(filepath.Join(cache, "*")); len(after) != len(entries) {
		t.Errorf("cache holds %v after the second build, want %v", after, entries)
	}
	for _, e := range entries {
		if fi, err := os.Stat(e); err != nil || !fi.ModTime().Equal(old) {
			t.Errorf("cache entry %s was written again", filepath.Base(e))
		}
	}

	// Without a cache: the same bytes.
	plain := filepath.Join(t.TempDir(), "public")
	mustBuild(t, Options{Root: fsys, Out: plain})
	for name, data := range snapshot(t, plain) {
		if files[name] != data {
			t.Errorf("%s differs without the cache", name)
		}
	}
}

// TestImageProblems: what an editor hears about images that cannot be
// read; none of it stops the build. (A file with a copy's name is an error
// of bundle.Check: testdata/check/bundle-names.txtar.)
func TestImageProblems(t *testing.T) {
	fsys := baseProject(t)
	fsys["content/fallstudier/paket/index.md"] = &fstest.MapFile{Data: []byte(bundlePage + "![Trasig](trasig.png)\n\n![Ritning](ritning.svg)\n")}
	fsys["content/fallstudier/paket/trasig.png"] = &fstest.MapFile{Data: []byte("inte en bild")}
	fsys["content/fallstudier/paket/ritning.svg"] = &fstest.MapFile{Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 200"/>`)}
	fsys["content/fallstudier/paket/bilaga.pdf"] = &fstest.MapFile{Data: []byte("%PDF")}
	out := filepath.Join(t.TempDir(), "public")
	res := mustBuild(t, Options{Root: fsys, Out: out})
	var b strings.Builder
	res.Diags.WriteText(&b)
	want := `content/fallstudier/paket/trasig.png: varning: bilden kan inte läsas (image: unknown format); den publiceras som den är, utan storlek och mindre versioner. Kontrollera att filen är en bild och spara den igen från ett bildprogram
`
	if b.String() != want {
		t.Errorf("messages:\n%s\nwant:\n%s", b.String(), want)
	}
	files := snapshot(t, out)
	page := files["fallstudier/paket/index.html"]
	for _, want := range []string{
		`<img src="/kb/fallstudier/paket/trasig.png" alt="Trasig" loading="lazy" decoding="async">`,
		`<img src="/kb/fallstudier/paket/ritning.svg" alt="Ritning" loading="lazy" decoding="async" width="300" height="200">`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s", want)
		}
	}

	// kb check of the changed image alone reports it.
	res, err := Run(Options{Root: fsys, Only: []string{"content/fallstudier/paket/trasig.png"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Diags) != 1 || !bytes.Contains([]byte(res.Diags[0].String()), []byte("trasig.png: varning: bilden kan inte läsas")) {
		t.Errorf("check of the image: %v", res.Diags)
	}
}
