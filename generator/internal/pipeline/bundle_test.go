package pipeline

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"kunskapsbanken/generator/internal/bundle"
	"kunskapsbanken/generator/internal/diag"
	"kunskapsbanken/generator/internal/page"
)

// bundleCaseStudy is a case study in Lund with body.
func bundleCaseStudy(title, body string) *fstest.MapFile {
	return &fstest.MapFile{Data: []byte("---\ntitle: \"" + title + "\"\nsummary: \"S.\"\nmunicipality: Lund\nareas: [digitala-las]\nstatus: pilot\npublished: 2024-01-01\n---\n\n" + body + "\n")}
}

const plainSVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 200"/>`

// TestBundleNamesCoverOutput: every file kb writes in the folder of a page
// bundle, other than the bundle's own files, has a name that bundle.Check
// refuses for a file of the bundle, so that no bundle file can take its
// place. The site has bundles of every kind with images that get copies,
// and lists that paginate into bundles' folders: a case study bundle named
// sida (the case studies' page 2 is fallstudier/sida/2/), and Lund's
// profile as a bundle, with more case studies than a page holds.
func TestBundleNamesCoverOutput(t *testing.T) {
	fsys := baseProject(t)
	fsys["site.yaml"] = &fstest.MapFile{Data: []byte("title: Test\nbaseURL: https://example.org/kb/\ntheme: default\npageSize: 1\npublisher:\n  name: Testkommunen\n  organisationNumber: 212000-1124\n  type: LocalAuthority\n  contact:\n    name: Öppna data, Testkommunen\n    email: oppnadata@example.org\n")}
	withFiles := func(dir string, index *fstest.MapFile) {
		fsys[dir+"/index.md"] = index
		fsys[dir+"/foto.jpg"] = testImage(t, "jpeg", 1600, 100, 0)
		fsys[dir+"/bilder/karta.png"] = testImage(t, "png", 1000, 100, 0)
		fsys[dir+"/ritning.svg"] = &fstest.MapFile{Data: []byte(plainSVG)}
		fsys[dir+"/bilaga.pdf"] = &fstest.MapFile{Data: []byte("%PDF-1.4")}
	}
	withFiles("content/fallstudier/sida", bundleCaseStudy("Sida", "![Foto](foto.jpg)"))
	fsys["content/fallstudier/b.md"] = bundleCaseStudy("B", "Text.")
	fsys["content/fallstudier/c.md"] = bundleCaseStudy("C", "Text.")
	withFiles("content/kommuner/lund", &fstest.MapFile{Data: []byte("---\ntitle: \"Lund\"\nmunicipality: Lund\n---\n\n![Karta](bilder/karta.png)\n")})
	withFiles("content/initiativ/projekt", &fstest.MapFile{Data: []byte("---\ntitle: \"Projekt\"\nsummary: \"S.\"\npublished: 2021-01-01\n---\n")})
	withFiles("content/sidor/om", &fstest.MapFile{Data: []byte("---\ntitle: \"Om\"\n---\n")})
	out := filepath.Join(t.TempDir(), "public")
	res := mustBuild(t, Options{Root: fsys, Out: out})
	published := snapshot(t, out)

	resources := map[string]bool{}
	for _, r := range res.Site.Resources() {
		resources[r.URL] = true
	}
	var checked []string
	for _, p := range res.Site.Pages {
		if !p.Source.Bundle {
			continue
		}
		for out := range published {
			name, ok := strings.CutPrefix(out, p.URL)
			if !ok || resources[out] {
				continue
			}
			checked = append(checked, out)
			f := *p.Source.File
			f.Resources = append(slices.Clone(f.Resources), page.Resource{Name: name, Disk: "saknas"})
			refused := false
			for _, d := range bundle.Check(fstest.MapFS{}, []*page.File{&f}) {
				refused = refused || d.Path == f.Dir()+name && !strings.Contains(d.Message, "kan inte läsas")
			}
			if !refused {
				t.Errorf("kb writes %s in the folder of %s, and bundle.Check would let a file of the bundle named %s take its place; reserve the name in package bundle", out, p.Path, name)
			}
		}
	}
	slices.Sort(checked)
	for _, want := range []string{"fallstudier/sida/index.html", "fallstudier/sida/2/index.html", "fallstudier/sida/foto-480w.jpg",
		"kommuner/lund/sida/2/index.html", "kommuner/lund/bilder/karta-960w.png", "initiativ/projekt/foto-1440w.jpg", "sidor/om/index.html"} {
		if _, ok := slices.BinarySearch(checked, want); !ok {
			t.Errorf("the site lacks %s, which the test means to check; it has %v", want, checked)
		}
	}
}

// TestRefusedBundleFilesNotPublished: a hostile SVG stops kb build, kb check
// of the file alone reports it, and the preview keeps serving the last good
// file until it is fixed.
func TestRefusedBundleFilesNotPublished(t *testing.T) {
	const (
		dir     = "content/fallstudier/paket"
		svg     = dir + "/ritning.svg"
		hostile = `<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.domain)</script></svg>`
	)
	fsys := baseProject(t)
	fsys[dir+"/index.md"] = bundleCaseStudy("Paket", "![Ritning](ritning.svg)")
	fsys[svg] = &fstest.MapFile{Data: []byte(plainSVG)}
	out := filepath.Join(t.TempDir(), "public")
	mustBuild(t, Options{Root: fsys, Out: out})

	p := NewPreview(Options{Root: fsys})
	if u, err := p.Update(nil); err != nil || !u.Published {
		t.Fatalf("first update: %v %v", err, u.Diags)
	}

	fsys[svg] = &fstest.MapFile{Data: []byte(hostile)}
	res, err := Run(Options{Root: fsys, Out: out})
	if err != nil {
		t.Fatal(err)
	}
	if res.Published || !hasErrorAt(res.Diags, svg+":1:41: <script>") {
		t.Errorf("build: published %v, messages %v", res.Published, res.Diags)
	}
	if got := snapshot(t, out)["fallstudier/paket/ritning.svg"]; got != plainSVG {
		t.Errorf("public/ holds %q", got)
	}
	res, err = Run(Options{Root: fsys, Only: []string{svg}})
	if err != nil || !hasErrorAt(res.Diags, svg+":1:41: <script>") {
		t.Errorf("check of the file: %v %v", err, res.Diags)
	}

	u, err := p.Update([]string{svg})
	if err != nil || u.Published || !hasErrorAt(u.Diags, svg+":1:41: <script>") {
		t.Errorf("preview: %v published %v, messages %v", err, u.Published, u.Diags)
	}
	if got, _, _ := p.File("fallstudier/paket/ritning.svg"); string(got) != plainSVG {
		t.Errorf("the preview serves %q", got)
	}
	fixed := strings.Replace(plainSVG, "/>", "><title>Ritning</title></svg>", 1)
	fsys[svg] = &fstest.MapFile{Data: []byte(fixed)}
	if u, err := p.Update([]string{svg}); err != nil || !u.Published {
		t.Fatalf("fixed: %v %v", err, u.Diags)
	}
	if got, _, _ := p.File("fallstudier/paket/ritning.svg"); string(got) != fixed {
		t.Errorf("the preview serves %q after the fix", got)
	}
}

// hasErrorAt reports whether the text of an error of l
// ("path:line:col: message") starts with prefix.
func hasErrorAt(l diag.List, prefix string) bool {
	for _, d := range l {
		if d.Severity == diag.Error && strings.HasPrefix(d.String(), prefix) {
			return true
		}
	}
	return false
}
