package render

import (
	"bytes"
	"errors"
	"html/template"
	"strings"
	"testing"
	"text/template/parse"

	"kunskapsbanken/generator/internal/page"
)

// Folded calls give the page the same bytes as the calls, in every context
// html/template escapes differently (text, attribute, URL, script, a
// partial's argument), even for strings that need escaping; calls that are
// not constant stay calls, and a call that fails still fails on the page.
func TestFoldConstants(t *testing.T) {
	const src = `{{define "part"}}<p title="{{.Label}}">{{.Label}}</p>{{end}}` +
		`<h2>{{t "heading"}}</h2><a href="{{url "sök/?q=a b"}}" title="{{t "heading"}}">{{t "count" "x"}}</a>` +
		`<script>var s = {{t "heading"}};</script>{{template "part" (dict "Label" (t "heading"))}}` +
		`{{with .}}{{url .}}{{end}}{{t "heading" | printf "%s!"}}{{if eq (t "heading") "x"}}no{{else}}{{section "a/b"}}{{end}}`
	funcs := template.FuncMap{
		"t": func(key string, args ...any) string {
			if key == "count" {
				return "räkna \"" + args[0].(string) + "\""
			}
			return `Tom & "Jerry" <b>+'`
		},
		"url":     func(rel string) string { return "/kb/" + rel },
		"section": func(url string) string { s, _, _ := strings.Cut(url, "/"); return s },
		"dict": func(kv ...any) map[string]any {
			m := map[string]any{}
			for i := 0; i < len(kv); i += 2 {
				m[kv[i].(string)] = kv[i+1]
			}
			return m
		},
		"asset": func(string) (string, error) { return "", errors.New("ingen sådan fil") },
	}
	parse := func() *template.Template {
		return template.Must(template.New("page").Funcs(funcs).Parse(src))
	}
	run := func(tmpl *template.Template) string {
		var b strings.Builder
		if err := tmpl.Execute(&b, "fallstudier/"); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	want := run(parse())
	folded := parse()
	foldConstants(folded, funcs)
	if n := calls(folded, "t") + calls(folded, "section"); n != 0 {
		t.Errorf("%d calls of t and section left unfolded", n)
	}
	if n := calls(folded, "url"); n != 1 {
		t.Errorf("%d calls of url, want the one with a variable argument", n)
	}
	if got := run(folded); got != want {
		t.Errorf("folded:\n%s\nwant:\n%s", got, want)
	}

	// Then, escaped, the strings become text.
	if n := constantActions(folded); n < 5 { // folded is escaped: it ran
		t.Fatalf("%d constant actions before folding into text, want one per context", n)
	}
	escaped := parse()
	foldConstants(escaped, funcs)
	foldEscaped(escaped, "page")
	if n := constantActions(escaped); n != 0 {
		t.Errorf("%d constant actions left after escaping", n)
	}
	if got := run(escaped); got != want {
		t.Errorf("folded into text:\n%s\nwant:\n%s", got, want)
	}

	failing := template.Must(template.New("page").Funcs(funcs).Parse(`<link href="{{asset "x.css"}}">`))
	foldConstants(failing, funcs)
	if err := failing.Execute(&strings.Builder{}, nil); err == nil || !strings.Contains(err.Error(), "ingen sådan fil") {
		t.Errorf("a failing call folded away: %v", err)
	}
}

// calls counts the identifiers name in every template of tmpl.
func calls(tmpl *template.Template, name string) int {
	n := 0
	var walk func(parse.Node)
	walk = func(node parse.Node) {
		switch x := node.(type) {
		case *parse.ListNode:
			for _, c := range x.Nodes {
				walk(c)
			}
		case *parse.ActionNode:
			walk(x.Pipe)
		case *parse.IfNode:
			walk(&x.BranchNode)
		case *parse.WithNode:
			walk(&x.BranchNode)
		case *parse.RangeNode:
			walk(&x.BranchNode)
		case *parse.BranchNode:
			walk(x.Pipe)
			if x.List != nil {
				walk(x.List)
			}
			if x.ElseList != nil {
				walk(x.ElseList)
			}
		case *parse.TemplateNode:
			if x.Pipe != nil {
				walk(x.Pipe)
			}
		case *parse.PipeNode:
			if x == nil {
				return
			}
			for _, c := range x.Cmds {
				walk(c)
			}
		case *parse.CommandNode:
			for _, a := range x.Args {
				walk(a)
			}
		case *parse.IdentifierNode:
			if x.Ident == name {
				n++
			}
		}
	}
	for _, t := range tmpl.Templates() {
		if t.Tree != nil {
			walk(t.Tree.Root)
		}
	}
	return n
}

// constantActions counts the actions, in every template of tmpl, that
// write a string and escape it.
func constantActions(tmpl *template.Template) int {
	n := 0
	var walk func(parse.Node)
	walk = func(node parse.Node) {
		switch x := node.(type) {
		case *parse.ListNode:
			if x == nil {
				return
			}
			for _, c := range x.Nodes {
				walk(c)
			}
		case *parse.ActionNode:
			if _, ok := x.Pipe.Cmds[0].Args[0].(*parse.StringNode); ok && len(x.Pipe.Decl) == 0 {
				if _, escapersOnly := escaperChain(x.Pipe.Cmds[1:]); escapersOnly {
					n++
				}
			}
		case *parse.IfNode:
			walk(x.List)
			walk(x.ElseList)
		case *parse.WithNode:
			walk(x.List)
			walk(x.ElseList)
		case *parse.RangeNode:
			walk(x.List)
			walk(x.ElseList)
		}
	}
	for _, t := range tmpl.Templates() {
		if t.Tree != nil {
			walk(t.Tree.Root)
		}
	}
	return n
}

type stringer struct{ s string }

func (s stringer) String() string { return s.s }

// TestFastEscapers: escapeFuncs, given to an escaped template under
// html/template's names, and the chains fuseEscapers fuses, write what
// html/template's own escapers write, in text, attributes, URLs whole and
// after #, <title> and script, for strings with every character they
// replace, URLs of every scheme, HTML, other content types, numbers,
// pointers, nil and Stringers.
func TestFastEscapers(t *testing.T) {
	s := `pekare "<&>"`
	values := []any{"", "vanlig text", "a\x00b\"c&d'e+f<g>h", "å ä ö – \u2028 \xff\xfe ogiltig", "&amp; &#34;",
		template.HTML(`<b title="x">fet</b> & <i>`), template.HTMLAttr(`title="x"`), template.URL("javascript:x()"),
		template.JS("a<b"), template.JS(`{"a":"</script>"}`), template.CSS("a{b:c}"), 0, -12, 1234567, 3.5, true, nil, &s, page.Status("pagaende"),
		stringer{"<s>"}, &stringer{"'p'"}, []string{"a<", "b&"}, map[string]int{"<": 1}, errors.New("fel <x>"),
		// URLs: the site's own, addresses with a scheme, and every byte the
		// URL escapers treat apart.
		"/kb/fallstudier/lund-trygghetslarm/", "https://example.se/a/b?c=d&e=f+g#h", "HTTP://X.SE", "mailto:a@b.se",
		"javascript:alert(1)", "JavaScript:x", " javascript:x", "data:text/html,<b>", "/a/b:c", "a:b/c", "tel:+46", ":x",
		"a b", "/sök/?q=ö", "%41%zz", "/a%41", "/a%4", "#rubrik-1", "a'b", "a\"b", "a<b>", "!#$&*+,/:;=?@[]%-._~", "a(b)c", "a\\b", "\x00", "a\tb\nc"}
	const src = `<p>{{.}}</p><a title="{{.}}" class="x {{.}}" href="/a/{{.}}">{{.}} {{print "<" .}}</a>` +
		`<a href="{{.}}">x</a><a href="#{{.}}">y</a><title>{{.}}</title><script>var x = {{.}};</script>`
	run := func(tmpl *template.Template, v any) string {
		var b strings.Builder
		if err := tmpl.Execute(&b, v); err != nil {
			t.Fatalf("%#v: %v", v, err)
		}
		return b.String()
	}
	ref := template.Must(template.New("ref").Parse(src))
	fast := template.Must(template.New("fast").Parse(src))
	run(fast, "") // escapes it
	fuseEscapers(fast)
	fast.Funcs(escapeFuncs())
	for chain := range fusedEscapers {
		if !strings.Contains(fast.Tree.Root.String(), fusedName(chain)) {
			t.Errorf("the chain %s is not fused", chain)
		}
	}
	if strings.Contains(fast.Tree.Root.String(), "| _html_template_urlfilter") {
		t.Errorf("an escaper left beside a fused chain: %s", fast.Tree.Root)
	}
	// And exec.go's walker, which calls them with a string unboxed (in
	// every context but a URL's path, whose chain is html/template's own
	// and which the walker leaves to it).
	walkedSrc := strings.Replace(src, ` href="/a/{{.}}"`, "", 1)
	walkedRef := template.Must(template.New("ref").Parse(walkedSrc))
	walked := template.Must(template.New("walked").Parse(walkedSrc))
	escaped := foldEscaped(walked, "walked")
	fuseEscapers(walked)
	walked.Funcs(escapeFuncs())
	walker := newFastExec(walked, escaped, escapeFuncs())
	for _, v := range values {
		want := run(ref, v)
		if got := run(fast, v); got != want {
			t.Errorf("%#v:\n got %s\nwant %s", v, got, want)
		}
		var b bytes.Buffer
		if want := run(walkedRef, v); !walker.execute(&b, "walked", v) {
			t.Errorf("%#v: the walker left it to html/template", v)
		} else if b.String() != want {
			t.Errorf("%#v, walked:\n got %s\nwant %s", v, b.String(), want)
		}
	}
	// The functions given after escaping are the ones called.
	marked := template.Must(template.New("marked").Parse(src))
	run(marked, "")
	fuseEscapers(marked)
	marked.Funcs(escapeFuncs())
	marked.Funcs(template.FuncMap{"_html_template_htmlescaper": func(any) string { return "!" },
		fusedName("_html_template_rcdataescaper"): func(any) string { return "?" }})
	if got := run(marked, "x"); !strings.Contains(got, "<p>!</p>") || !strings.Contains(got, "<title>?</title>") {
		t.Errorf("an escaper given after escaping is not the one called: %s", got)
	}
}

// TestFusedURL: {{url X}} in a URL attribute, made one call by
// fuseURLCalls, writes what url and html/template's escapers write; url
// elsewhere (in text, with its result piped on) stays as it was.
func TestFusedURL(t *testing.T) {
	url := func(rel string) string { return "/kb/" + rel }
	funcs := template.FuncMap{"url": url, urlAttrName: urlAttr(url)}
	const src = `<a href="{{url .}}">{{url .}}</a><a href="{{url . | printf "%s#x"}}">`
	run := func(tmpl *template.Template, v string) string {
		var b strings.Builder
		if err := tmpl.Execute(&b, v); err != nil {
			t.Fatalf("%q: %v", v, err)
		}
		return b.String()
	}
	ref := template.Must(template.New("ref").Funcs(funcs).Parse(src))
	fast := template.Must(template.New("fast").Funcs(funcs).Parse(src))
	run(fast, "")
	fuseEscapers(fast)
	fuseURLCalls(fast)
	fast.Funcs(escapeFuncs())
	if got := fast.Tree.Root.String(); strings.Count(got, urlAttrName) != 1 || strings.Count(got, "{{url .") != 2 {
		t.Errorf("want the one url in an href fused, the others left: %s", got)
	}
	for _, v := range []string{"", "fallstudier/lund/", "a b/ö", "a&b+c'd\"e<f>", "%41", "javascript:x", "https://x.se/?a=1&b=2"} {
		if got, want := run(fast, v), run(ref, v); got != want {
			t.Errorf("%q:\n got %s\nwant %s", v, got, want)
		}
	}
}
