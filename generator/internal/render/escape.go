package render

import (
	"html/template"
	"strconv"
	"strings"
)

// html/template escapes every action by calling its escapers, functions of
// any number of arguments, through reflection: text/template packs the one
// value into a slice for each call. Two of them, the escaper of text
// (htmlescaper) and of a quoted attribute's value (attrescaper), are most
// of a page's calls. Once every template of a layout is escaped
// (foldEscaped), RenderPages gives the layout escapeFuncs under those two
// names: functions of one argument that give the same string. For a plain
// string, html/template's replacement of NUL " & ' + < > (the same table
// for both); for HTML in text, the HTML itself; for an int, its digits;
// for anything else, what html/template's own escaper gives, from a probe
// template (fold.go) in the same context. html/template gives an escaper
// one value, the pipeline's, as the last command of an action. An escaped
// template is not escaped again, so the functions stay; were one escaped
// later, html/template would give it its own back, which write the same.
// TestFastEscapers holds them to html/template over tricky values.

// htmlReplacer is html/template's htmlReplacementTable with badRunes set:
// every rune it replaces is one byte, so a byte replacer is the same.
var htmlReplacer = strings.NewReplacer(
	"\x00", "\uFFFD", `"`, "&#34;", "&", "&amp;", "'", "&#39;", "+", "&#43;", "<", "&lt;", ">", "&gt;")

// escapeFuncs are the escapers, by html/template's names.
func escapeFuncs() template.FuncMap {
	return template.FuncMap{
		"_html_template_htmlescaper": func(v any) string {
			switch v := v.(type) {
			case string:
				return htmlReplacer.Replace(v)
			case template.HTML:
				return string(v)
			case int:
				return strconv.Itoa(v)
			}
			return probeEscape("_html_template_htmlescaper", v)
		},
		"_html_template_attrescaper": func(v any) string {
			switch v := v.(type) {
			case string:
				return htmlReplacer.Replace(v)
			case int:
				return strconv.Itoa(v)
			}
			return probeEscape("_html_template_attrescaper", v)
		},
	}
}

// probeEscape is what html/template's escaper named gives for v.
func probeEscape(escaper string, v any) string {
	p, ok := probes()[escaper]
	if !ok {
		panic("render: no probe for " + escaper) // probeContexts has text and a quoted attribute
	}
	var b strings.Builder
	if err := p.tmpl.Execute(&b, v); err != nil {
		panic("render: " + escaper + ": " + err.Error()) // an escaper of one value does not fail
	}
	out := strings.TrimPrefix(b.String(), p.prefix)
	return strings.TrimSuffix(out, p.suffix)
}
