package render

import (
	"hash/maphash"
	"io/fs"
	"maps"
	"os"
	"slices"
	"strings"
	"testing"

	"kunskapsbanken/generator/internal/config"
	"kunskapsbanken/generator/internal/page"
	"kunskapsbanken/generator/internal/site"
)

// repoTheme is the repository's default theme without its static files:
// its layouts and texts by path in the theme's folder.
func repoTheme(t *testing.T) map[string][]byte {
	t.Helper()
	root := "../../../themes/default"
	files := map[string][]byte{}
	err := fs.WalkDir(os.DirFS(root), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(p, "static/") {
			return err
		}
		files[p], err = os.ReadFile(root + "/" + p)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func loadTheme(t *testing.T, files map[string][]byte) *Theme {
	t.Helper()
	th, diags := LoadTheme("themes/default", files, "sv")
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	return th
}

// TestFuncsDeclareReads: every template function either reads only the
// values it is given or says in funcReads what it reads of the data, so
// that Fingerprints sees what it shows.
func TestFuncsDeclareReads(t *testing.T) {
	th := &Theme{}
	for name := range th.funcs(config.Site{}) {
		_, declared := funcReads[name]
		if declared == (valueFuncs[name] || shapeFuncs[name]) {
			t.Errorf("template function %s: put it in exactly one of funcReads (it reads the site's data) and valueFuncs (it reads only the values it is given)", name)
		}
	}
}

// TestLayoutReads: the analysis follows the template constructs a layout
// can reach data through.
func TestLayoutReads(t *testing.T) {
	for _, tc := range []struct {
		name, main string
		want       []string
	}{
		{"field", `{{.Page.Meta.Title}}`, []string{"Page.Meta.Title"}},
		{"with", `{{with .Page}}{{.URL}}{{end}}`, []string{"Page?", "Page.URL"}},
		{"range", `{{range .Page.Areas}}{{.Label}}{{end}}`, []string{"Page.Areas#len", "Page.Areas[].Label"}},
		{"range variables", `{{range $i, $a := .Page.Areas}}{{$i}}{{$a.URL}}{{end}}`, []string{"Page.Areas[].URL"}},
		{"variable", `{{$p := .Page}}{{if true}}{{$p.Slug}}{{end}}`, []string{"Page.Slug"}},
		{"assignment", `{{$x := .Title}}{{with .Page}}{{$x = .Meta.Summary}}{{end}}{{$x}}`, []string{"Title", "Page.Meta.Summary"}},
		{"template call", `{{template "p.html" .Page}}`, []string{"Page.Meta.Contact"}},
		{"dict", `{{template "d.html" (dict "X" .Page.Meta.Region)}}`, []string{"Page.Meta.Region"}},
		{"len", `{{len .Page.Areas}}`, []string{"Page.Areas#len"}},
		{"first", `{{range first .Site.CaseStudies 2}}{{.URL}}{{end}}`, []string{"Site.CaseStudies[:2]#len", "Site.CaseStudies[:2][].URL"}},
		{"declared function", `{{body .Page}}`, []string{"Page.Doc.HTML"}},
		{"method", `{{if .Page.Meta.Updated.IsZero}}x{{end}}`, []string{"Page.Meta.Updated.IsZero?"}},
		{"eq", `{{if eq .Page.Kind "x"}}x{{end}}`, []string{"Page.Kind"}},
		{"usageRow", `{{range .List.Rows}}{{usageRow .}}{{end}}`, []string{"List.Rows#len", "List.Rows[].Use.Page.Meta.Title"}},
		{"sitePartial", `{{sitePartial "s.html" .}}`, []string{"Site.Config", "Site.Free[].URL"}},
		{"pagePartial", `{{range .Site.CaseStudies}}{{pagePartial "p.html" .}}{{end}}`, []string{"Site.CaseStudies[].Meta.Contact"}},
		{"sectionPartial", `{{sectionPartial "n.html" .}}`, []string{"URL", "Layout"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string][]byte{
				"i18n/sv.yaml":                        []byte("a: b\n"),
				"layouts/base.html":                   []byte(`{{block "main" .}}{{end}}`),
				"layouts/partials/p.html":             []byte(`{{.Meta.Contact}}`),
				"layouts/partials/d.html":             []byte(`{{.X}}`),
				"layouts/partials/" + usageRowPartial: []byte(`<tr><td>{{.Use.Page.Meta.Title}}</td></tr>`),
				"layouts/partials/s.html":             []byte(`{{range .Site.Free}}{{.URL}}{{end}}`),
				"layouts/partials/n.html":             []byte(`{{.Layout}}{{range nav .URL "a"}}{{.URL}}{{end}}`),
			}
			for _, l := range layoutNames {
				files["layouts/"+l+".html"] = []byte(`{{define "main"}}{{end}}`)
			}
			files["layouts/sidor.html"] = []byte(`{{define "main"}}` + tc.main + `{{end}}`)
			got := loadTheme(t, files).LayoutReads("sidor")
			for _, w := range tc.want {
				if !slices.Contains(got, w) {
					t.Errorf("%s: reads lack %s; got\n%s", tc.main, w, strings.Join(got, "\n"))
				}
			}
		})
	}
}

// TestFingerprintFollowsLayout: a layout that shows something new is
// fingerprinted with it, without a change to this package. sidor.html does
// not show a free page's contact, so changing it keeps the page's
// fingerprint; once a copy of the theme shows it, the fingerprint changes.
func TestFingerprintFollowsLayout(t *testing.T) {
	files := repoTheme(t)
	shows := maps.Clone(files)
	const h1 = "<h1>{{.Meta.Title}}</h1>"
	if !strings.Contains(string(files["layouts/sidor.html"]), h1) {
		t.Fatalf("sidor.html has no %s to add to", h1)
	}
	shows["layouts/sidor.html"] = []byte(strings.Replace(string(files["layouts/sidor.html"]), h1, h1+"<p>{{.Meta.Contact}}</p>", 1))

	seed := maphash.MakeSeed()
	fingerprint := func(th *Theme, contact string) uint64 {
		p := &site.Page{Kind: page.Free, URL: "sidor/om/", Path: "content/sidor/om.md", Meta: &page.Meta{Title: "Om", Contact: contact}}
		s := &site.Site{Config: config.Site{Title: "K", BaseURL: "/", Language: "sv"}, Pages: []*site.Page{p}, Free: []*site.Page{p}}
		d := &Data{Site: s, Layout: "sidor", URL: p.URL, Title: "Om", Page: p}
		return th.Fingerprints(seed, []*Data{d})[0]
	}
	before, after := loadTheme(t, files), loadTheme(t, shows)
	if fingerprint(before, "a") != fingerprint(before, "b") {
		t.Error("the theme does not show a free page's contact, yet its fingerprint changes with it")
	}
	if !slices.Contains(after.LayoutReads("sidor"), "Page.Meta.Contact") {
		t.Errorf("a layout showing .Meta.Contact: reads lack Page.Meta.Contact:\n%s", strings.Join(after.LayoutReads("sidor"), "\n"))
	}
	if fingerprint(after, "a") == fingerprint(after, "b") {
		t.Error("the layout shows a free page's contact, yet its fingerprint does not change with it")
	}
	if fingerprint(after, "a") != fingerprint(after, "a") {
		t.Error("the same page gives two fingerprints")
	}
}

// TestSitePartialReadsOnlySite: a partial called with sitePartial is
// rendered once for every page, so a partial that reads something of the
// page is refused when the theme is loaded, naming what it reads.
func TestSitePartialReadsOnlySite(t *testing.T) {
	files := repoTheme(t)
	files["layouts/partials/footer.html"] = append(files["layouts/partials/footer.html"], []byte(`<p>{{.Title}} {{with .Page}}{{.Meta.Title}}{{end}}</p>`)...)
	_, diags := LoadTheme("themes/default", files, "sv")
	if len(diags) != 1 || !strings.Contains(diags[0].String(), "layouts/partials/footer.html") ||
		!strings.Contains(diags[0].String(), "Page.Meta.Title, Page?, Title") {
		t.Errorf("want one error naming the page data footer.html reads; got\n%v", diags)
	}
}

// TestSectionPartialReadsOnlySection: a partial called with sectionPartial
// is rendered once per layout and section, so it may read the page's URL
// only through nav or section; the header, which does, loads, and one that
// also shows the URL or the title is refused, naming what it reads.
func TestSectionPartialReadsOnlySection(t *testing.T) {
	files := repoTheme(t)
	if !strings.Contains(string(files["layouts/base.html"]), `{{sectionPartial "header.html" .}}`) {
		t.Fatal("base.html no longer calls the header with sectionPartial")
	}
	if _, diags := LoadTheme("themes/default", files, "sv"); diags.HasErrors() {
		t.Fatalf("the repository's header is refused:\n%v", diags)
	}
	files["layouts/partials/header.html"] = append(files["layouts/partials/header.html"], []byte(`<p>{{section .URL}} {{.URL}} {{.Title}}</p>`)...)
	_, diags := LoadTheme("themes/default", files, "sv")
	if len(diags) != 1 || !strings.Contains(diags[0].String(), "layouts/partials/header.html") ||
		!strings.Contains(diags[0].String(), "läser Title, URL,") {
		t.Errorf("want one error naming the page data header.html reads besides its section; got\n%v", diags)
	}
}
