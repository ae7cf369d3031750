package render

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"reflect"
	"strings"
	"testing"
	"time"

	"kunskapsbanken/generator/internal/page"
	"kunskapsbanken/generator/internal/site"
	"kunskapsbanken/generator/internal/yamldoc"
)

// execItem and execPage stand for the site's types: fields, methods on the
// value and on the pointer, a nil pointer, a field of type any.
type execItem struct {
	Name string
	N    int
}

func (i execItem) Upper() string { return strings.ToUpper(i.Name) }

type execPage struct {
	Title  string
	Kind   page.Kind
	Status page.Status
	Items  []execItem
	Tags   []string
	Term   any
	Next   *execPage
	Meta   map[string]any
	Empty  []string
	Count  int
}

func (p *execPage) Where() string { return "i " + p.Title }

func (p *execPage) Fails() (string, error) { return "", errors.New("trasig") }

// fastExec writes what html/template writes, for every construct the
// layouts use (if, with and range with else, variables declared and
// assigned, template calls, dict, builtins, methods on values and
// pointers, map entries present and missing, values of type any) and for
// what it leaves to html/template (a range over a map, printf of a
// non-string format, a method with arguments, a failing call, break),
// with values that need escaping in every context, and a field looked up
// on values of several types in turn (a pointer, a map).
func TestFastExecAsHTMLTemplate(t *testing.T) {
	hostile := `<script>alert("x&y")</script> 'q' + javascript:1`
	data := &execPage{
		Title: hostile, Kind: page.CaseStudy, Status: page.Statuses[0],
		Items: []execItem{{"a<b", 1}, {hostile, 0}, {"c", 3}},
		Tags:  []string{"x y", "å/ä", hostile},
		Term:  &execPage{Title: "inner"},
		Meta:  map[string]any{"Label": hostile, "N": 2, "Page": &execPage{Title: "p"}},
		Count: 2,
	}
	funcs := template.FuncMap{
		"url": func(rel string) string { return "/kb/" + rel },
		"dict": func(kv ...any) (map[string]any, error) {
			m := map[string]any{}
			for i := 0; i+1 < len(kv); i += 2 {
				m[kv[i].(string)] = kv[i+1]
			}
			return m, nil
		},
		"first":  func(s []string, n int) []string { return s[:min(n, len(s))] },
		"joined": func(sep string, s ...string) string { return strings.Join(s, sep) },
		"fail":   func() (string, error) { return "", errors.New("ingen sådan fil") },
	}
	partials := `{{define "item"}}<li title="{{.Name}}">{{.Upper}} {{.N}}{{if $.N}} ({{$.N}}){{end}}</li>{{end}}` +
		`{{define "title"}}<i>{{.Title}}</i>{{end}}` +
		`{{define "box"}}<section id="{{.ID}}">{{.Label}}{{with .Missing}}no{{else}}none{{end}}{{.Missing}}</section>{{end}}`
	cases := map[string]string{
		"fields":    `<h1 class="{{.Kind}}">{{.Title}}</h1><p>{{.Where}} {{.Status.Label}} {{.Count}} {{.Term.Title}}</p>`,
		"contexts":  `<a href="{{url .Title}}" title="{{.Title}}">{{.Title}}</a><a href="{{.Title}}">x</a><a href="#{{.Title}}">y</a><title>{{.Title}}</title><script>var t = {{.Title}};</script>`,
		"range":     `<ul>{{range $i, $it := .Items}}{{if $i}}, {{end}}{{template "item" $it}}{{end}}</ul>{{range .Empty}}x{{else}}<p>tom</p>{{end}}{{range .Tags}}<a href="{{url .}}">{{.}}</a>{{end}}`,
		"with":      `{{with .Next}}{{.Title}}{{else}}ingen{{end}}{{with .Term}}{{.Title}}{{end}}{{with $x := .Items}}{{len $x}}{{end}}`,
		"variables": `{{$t := .Title}}{{$n := ""}}{{if eq (print .Kind) "fallstudier" "kommuner"}}{{$n = "ny"}}{{end}}{{if or $t $n}}<b>{{$t}} {{$n}}</b>{{end}}`,
		"dict": `{{template "box" (dict "ID" "lär-domar" "Label" .Title "Page" .)}}{{template "box" .Meta}}{{.Meta.Label}} {{.Meta.Page.Title}} {{.Meta.Nope}}` +
			`{{template "title" .}}{{template "title" (dict "Title" "ur dict")}}{{range .Items}}{{template "title" (dict "Title" .Name)}}{{end}}{{template "title" .Term}}`,
		"builtins":  `{{if and .Title (not .Empty) (ne .Count 3) (gt .Count 1) (lt (len .Tags) 5)}}ja{{end}}{{if eq .Count 2 3}}två{{end}}{{printf "status/%s/" .Status}} {{print .Count .Title}} {{joined "-" "a" .Title}} {{first .Tags 2}}`,
		"fallbacks": `{{range $k, $v := .Meta}}{{$k}}={{$v}} {{end}}{{range 3}}{{.}}{{end}}{{index .Tags 0}}{{range .Tags}}{{if eq . "x y"}}{{break}}{{end}}{{.}}{{end}}`,
	}
	for name, src := range cases {
		t.Run(name, func(t *testing.T) {
			parse := func() *template.Template {
				return template.Must(template.New("page").Funcs(funcs).Parse(partials + src))
			}
			var want bytes.Buffer
			if err := parse().Execute(&want, data); err != nil {
				t.Fatal(err)
			}
			tmpl := parse()
			escaped := foldEscaped(tmpl, "page")
			fuseEscapers(tmpl)
			fuseURLCalls(tmpl)
			escapers := escapeFuncs()
			tmpl.Funcs(escapers)
			l := &layoutCopy{tmpl, newFastExec(tmpl, escaped, funcs, template.FuncMap{urlAttrName: urlAttr(funcs["url"].(func(string) string))}, escapers)}
			tmpl.Funcs(template.FuncMap{urlAttrName: urlAttr(funcs["url"].(func(string) string))})
			var got bytes.Buffer
			got.WriteString("kept|")
			fast := l.fast.execute(&got, "page", data)
			if fast != (name != "fallbacks") {
				t.Errorf("fastExec executed it: %v", fast)
			}
			if !fast {
				if got.String() != "kept|" {
					t.Fatalf("a fallback left %q in the buffer", got.String())
				}
				if err := l.execute(&got, "page", data); err != nil {
					t.Fatal(err)
				}
			}
			if got.String() != "kept|"+want.String() {
				t.Errorf("got\n%s\nwant\n%s", got.String(), "kept|"+want.String())
			}
			if strings.Contains(got.String(), "<script>alert") {
				t.Errorf("a value printed unescaped: %s", got.String())
			}
		})
	}
}

// A call that fails, a method that fails and a nil pointer's field are
// left to html/template, which reports them as it always did.
func TestFastExecErrorsAsHTMLTemplate(t *testing.T) {
	funcs := template.FuncMap{"fail": func() (string, error) { return "", errors.New("ingen sådan fil") }}
	for _, src := range []string{`<p>{{fail}}</p>`, `<p>{{.Fails}}</p>`, `<p>{{.Next.Title}}</p>`, `<p>{{.Nope}}</p>`} {
		parse := func() *template.Template { return template.Must(template.New("page").Funcs(funcs).Parse(src)) }
		wantErr := parse().Execute(&bytes.Buffer{}, &execPage{})
		if wantErr == nil {
			t.Fatalf("%s: html/template gives no error", src)
		}
		tmpl := parse()
		escaped := foldEscaped(tmpl, "page")
		escapers := escapeFuncs()
		tmpl.Funcs(escapers)
		l := &layoutCopy{tmpl, newFastExec(tmpl, escaped, funcs, escapers)}
		var b bytes.Buffer
		if l.fast.execute(&b, "page", &execPage{}) || b.Len() != 0 {
			t.Errorf("%s: fastExec did it: %q", src, b.String())
		}
		if err := l.execute(&b, "page", &execPage{}); err == nil || err.Error() != wantErr.Error() {
			t.Errorf("%s: error %v, want %v", src, err, wantErr)
		}
	}
}

// A template html/template has not escaped is never executed by fastExec.
func TestFastExecOnlyEscaped(t *testing.T) {
	tmpl := template.Must(template.New("page").Parse(`{{define "other"}}<!-- x -->{{.}}{{end}}<p>{{.}}</p>`))
	escaped := foldEscaped(tmpl, "page")
	l := &layoutCopy{tmpl, newFastExec(tmpl, escaped, escapeFuncs())}
	var b bytes.Buffer
	if l.fast.execute(&b, "other", "<b>") {
		t.Errorf("fastExec executed a template that was not escaped: %q", b.String())
	}
}

// The functions and methods fastExec calls without reflection
// (exec_typed.go) give what html/template gives by calling them through
// reflection: every signature of typedCall, with values that need
// escaping, a nil value, a variadic call with and without its extra
// arguments.
// A typed call that fails is left to html/template, which reports it.
func TestTypedCallsAsHTMLTemplate(t *testing.T) {
	hostile := `<script>alert("x&y")</script> 'q'`
	published := yamldoc.Date{Time: time.Date(2024, 3, 9, 0, 0, 0, 0, time.UTC)}
	status := page.Statuses[2]
	p := &site.Page{Path: "content/fallstudier/a.md", URL: "fallstudier/a/",
		Meta: &page.Meta{Title: hostile, Region: "Region " + hostile, Status: status, Published: published}}
	area := &site.Area{Pages: []*site.Page{p}}
	d := &Data{Title: hostile, URL: "fallstudier/a/", Page: p}
	funcs := template.FuncMap{
		"part": func(name string, d *Data) (template.HTML, error) {
			if d == nil {
				return "", errors.New("ingen sida")
			}
			return template.HTML("<b>" + name + "</b>" + template.HTMLEscapeString(d.Title)), nil
		},
		"card": func(name string, p *site.Page) (template.HTML, error) {
			return template.HTML("<li>" + name + template.HTMLEscapeString(p.URL) + "</li>"), nil
		},
		"row": func(r UsageRow) (template.HTML, error) {
			return template.HTML(fmt.Sprint("<tr>", r.Ranks, "</tr>")), nil
		},
		"body":   func(p *site.Page) (template.HTML, error) { return "<p>kropp</p>", nil },
		"ld":     func(d *Data) (template.JS, error) { return template.JS(`{"u":"` + d.URL + `"}`), nil },
		"edit":   func(p *site.Page) string { return "https://example.org/edit/" + p.Path + "?" + hostile },
		"toc":    func(p *site.Page) []TOCEntry { return []TOCEntry{{"a", hostile, 2}, {"b", "B", 3}} },
		"date":   func(d yamldoc.Date) string { return d.Format("2 Jan 2006") },
		"number": func(n int) string { return fmt.Sprintf("%d st", n) },
		"plural": func(n int, one, many string) string { return map[bool]string{true: one, false: many}[n == 1] },
		"t": func(key string, args ...any) string {
			if len(args) > 0 {
				return fmt.Sprintf(key, args...)
			}
			return key
		},
		"dict": func(kv ...any) (map[string]any, error) {
			if len(kv)%2 != 0 {
				return nil, errors.New("udda")
			}
			m := map[string]any{}
			for i := 0; i+1 < len(kv); i += 2 {
				m[kv[i].(string)] = kv[i+1]
			}
			return m, nil
		},
	}
	data := map[string]any{"D": d, "Nil": (*Data)(nil), "Row": UsageRow{Ranks: []int{1, 2}}, "Area": area, "Three": 3}
	src := `{{with .D}}<h1 title="{{t "%s (%d)" .Title 3}}">{{t "rubrik"}} {{t .Title}}</h1>` +
		`{{part "sidfot" .}}{{card "kort" .Page}}{{body .Page}}<script type="application/ld+json">{{ld .}}</script>` +
		`{{with .Page}}<a href="{{edit .}}">{{edit .}}</a> {{.Where}} {{.Meta.Status.Label}}` +
		`{{if not .Meta.Updated.IsZero}}ny{{end}}{{if .Meta.Published.IsZero}}noll{{end}}<time datetime="{{date .Meta.Published}}">{{date .Meta.Published}}</time>` +
		`{{range toc .}}<a href="#{{.ID}}" class="toc-{{.Level}}">{{.Text}}</a>{{end}}{{end}}{{end}}` +
		`{{row .Row}} {{number .Three}} {{plural 1 "en" "flera"}} {{plural .Three "en" "flera"}}` +
		`{{with .Area}}{{.Changed}} {{date .Changed}} {{.Changed.IsZero}}{{end}}` +
		`{{with dict "A" .D.Title "B" 2 "C" .Nope}}{{.A}} {{.B}} {{.C}}{{end}}{{with dict}}{{.X}}{{end}}`
	parse := func(src string) *template.Template {
		return template.Must(template.New("page").Funcs(funcs).Parse(src))
	}
	fast := func(src string) (*layoutCopy, *template.Template) {
		tmpl := parse(src)
		escaped := foldEscaped(tmpl, "page")
		fuseEscapers(tmpl)
		fuseURLCalls(tmpl)
		escapers := escapeFuncs()
		tmpl.Funcs(escapers)
		return &layoutCopy{tmpl, newFastExec(tmpl, escaped, funcs, escapers)}, tmpl
	}
	l, _ := fast(src)
	for name := range funcs {
		if l.fast.funcs[name].typed == nil {
			t.Errorf("%s is called through reflection", name)
		}
	}
	for _, m := range []struct {
		key  typeKey
		name string
	}{
		{typeKey{reflect.TypeFor[page.Status](), true}, "Label"},
		{typeKey{reflect.TypeFor[yamldoc.Date](), true}, "IsZero"},
		{typeKey{reflect.TypeFor[yamldoc.Date](), false}, "IsZero"},
		{typeKey{reflect.TypeFor[*site.Page](), false}, "Where"},
		{typeKey{reflect.TypeFor[*site.Area](), false}, "Changed"},
	} {
		if lookupField(m.key, m.name).typed == nil {
			t.Errorf("%v.%s is called through reflection", m.key.typ, m.name)
		}
	}
	var want bytes.Buffer
	if err := parse(src).Execute(&want, data); err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	if !l.fast.execute(&got, "page", data) {
		t.Fatal("fastExec left the page to html/template")
	}
	if got.String() != want.String() {
		t.Errorf("got\n%s\nwant\n%s", got.String(), want.String())
	}
	if strings.Contains(got.String(), "<script>alert") {
		t.Errorf("a value printed unescaped: %s", got.String())
	}

	// Calls that fail: html/template's error, not fastExec's output.
	for _, src := range []string{`{{part "x" .Nil}}`, `{{with dict "A"}}{{.}}{{end}}`} {
		wantErr := parse(src).Execute(&bytes.Buffer{}, data)
		if wantErr == nil {
			t.Fatalf("%s: html/template gives no error", src)
		}
		l, _ := fast(src)
		var b bytes.Buffer
		if l.fast.execute(&b, "page", data) || b.Len() != 0 {
			t.Errorf("%s: fastExec did it: %q", src, b.String())
		}
		if err := l.execute(&b, "page", data); err == nil || err.Error() != wantErr.Error() {
			t.Errorf("%s: error %v, want %v", src, err, wantErr)
		}
	}
}
