package render

import (
	"html/template"
	"strings"
	"testing"
)

// TestFoldLayout: base.html folded for one layout writes, for a page of
// that layout, what it wrote before, whatever the page's other fields; the
// comparisons of .Layout are gone; .Layout where dot is not the page (in
// range and with) stays the field it was.
func TestFoldLayout(t *testing.T) {
	const src = `{{define "main"}}<b>{{.Layout}}</b>{{end}}<p class="{{.Layout}}">{{.Layout}}` +
		`{{if eq .Layout "home"}}H{{else}}O{{end}}{{if ne .Layout "404"}}N{{end}}` +
		`{{if or .Drafts (eq .Layout "sok" "404")}}R{{end}}{{if and .Page (eq .Layout "fallstudier")}}A{{else}}W{{end}}` +
		`{{if and (ne .Layout "404") .Page}}C{{.Page.Layout}}{{end}}{{if not (eq .Layout "home")}}{{$x := .Layout}}{{$x}}{{end}}` +
		`{{with .Page}}{{.Layout}}{{end}}{{range .List}}{{.Layout}}{{end}}{{template "main" .}}` +
		`<a href="/{{.Layout}}/">{{if eq .Layout "home" | not}}n{{end}}</a></p>`
	type item struct{ Layout string }
	type data struct {
		Layout string
		Page   *item
		Drafts bool
		List   []item
	}
	run := func(tmpl *template.Template, d data) string {
		var b strings.Builder
		if err := tmpl.Execute(&b, d); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	for _, layout := range []string{"home", "404", "sok", "fallstudier", `a"<&>`} {
		folded := template.Must(template.New("page").Parse(src))
		foldEscaped(folded, "page")
		foldLayout(folded, "page", layout)
		want := map[string]int{"eq": 1, "ne": 0, "not": 1} // eq piped into not stays
		for name, n := range want {
			if got := calls(folded, name); got != n {
				t.Errorf("%s: %d calls of %s left, want %d: %s", layout, got, name, n, folded.Tree.Root)
			}
		}
		if strings.Contains(folded.Tree.Root.String(), `"`+layout+`" | _html_template_attrescaper`) {
			t.Errorf("%s: an escaped constant left as an action: %s", layout, folded.Tree.Root)
		}
		for _, page := range []*item{nil, {"sida"}} {
			for _, drafts := range []bool{false, true} {
				d := data{Layout: layout, Page: page, Drafts: drafts, List: []item{{"i1"}, {"i2"}}}
				want := run(template.Must(template.New("page").Parse(src)), d)
				if got := run(folded, d); got != want {
					t.Errorf("%s, page %v, drafts %v:\n got %s\nwant %s", layout, page, drafts, got, want)
				}
			}
		}
	}
}

// TestFoldOrigin: origin, a call without arguments, is folded where it is
// an argument too, and with .Layout decides base.html's ifs once: no call
// of it is left, and the page is the same, with a host and without.
func TestFoldOrigin(t *testing.T) {
	const src = `{{if and (ne .Layout "404") origin}}<link href="{{origin}}/x">{{end}}{{if origin}}O{{else}}-{{end}}`
	type data struct{ Layout string }
	for _, host := range []string{"", "https://example.se"} {
		funcs := template.FuncMap{"origin": func() string { return host }}
		for _, layout := range []string{"404", "home"} {
			var want, got strings.Builder
			if err := template.Must(template.New("page").Funcs(funcs).Parse(src)).Execute(&want, data{layout}); err != nil {
				t.Fatal(err)
			}
			folded := template.Must(template.New("page").Funcs(funcs).Parse(src))
			foldConstants(folded, funcs)
			foldEscaped(folded, "page")
			foldLayout(folded, "page", layout)
			if n := calls(folded, "origin"); n != 0 {
				t.Errorf("%q, %s: %d calls of origin left: %s", host, layout, n, folded.Tree.Root)
			}
			if err := folded.Execute(&got, data{layout}); err != nil {
				t.Fatal(err)
			}
			if got.String() != want.String() {
				t.Errorf("%q, %s:\n got %s\nwant %s", host, layout, got.String(), want.String())
			}
		}
	}
}
