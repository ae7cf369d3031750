package render

import (
	"html/template"
	"strconv"
	"strings"
	"text/template/parse"
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
//
// An action in a URL, in <title> or in a script ends in a chain of
// escapers, each a call through reflection: {{url .URL}} in an href is
// {{url .URL | _html_template_urlfilter | _html_template_urlnormalizer |
// _html_template_attrescaper}}. fuseEscapers replaces each chain of
// fusedEscapers by one call of a function of one argument that writes the
// same: for the strings that layouts write there (a site's own URLs, an
// http or https address, a heading's id, a title) the result is computed
// directly, and anything else (a string with a byte the chain would
// encode, another type) goes to html/template's own chain through the
// probe of its context, so a rare value is slower, never different.

// htmlReplacer is html/template's htmlReplacementTable with badRunes set:
// every rune it replaces is one byte, so a byte replacer is the same.
var htmlReplacer = strings.NewReplacer(
	"\x00", "\uFFFD", `"`, "&#34;", "&", "&amp;", "'", "&#39;", "+", "&#43;", "<", "&lt;", ">", "&gt;")

// escapeFuncs are the escapers, by html/template's names.
func escapeFuncs() template.FuncMap {
	m := template.FuncMap{
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
	for chain, f := range fusedEscapers {
		m[fusedName(chain)] = func(v any) string {
			if s, ok := v.(string); ok {
				if out, ok := f(s); ok {
					return out
				}
			} else if js, ok := v.(template.JS); ok && chain == jsValChain {
				return string(js) // html/template's jsValEscaper writes JS as it is
			}
			return probeEscape(chain, v)
		}
	}
	return m
}

// stringEscapers are the functions of escapeFuncs for a value of type
// string, by the same names.
func stringEscapers() map[string]func(string) string {
	m := map[string]func(string) string{
		"_html_template_htmlescaper": htmlReplacer.Replace,
		"_html_template_attrescaper": htmlReplacer.Replace,
	}
	for chain, f := range fusedEscapers {
		m[fusedName(chain)] = func(s string) string {
			if out, ok := f(s); ok {
				return out
			}
			return probeEscape(chain, s)
		}
	}
	return m
}

// fusedEscapers are the chains of html/template's escapers that
// fuseEscapers replaces, by the chain (as escaperChain names it), each with
// what it writes for a string, or false when the probe must say.
var fusedEscapers = map[string]func(string) (string, bool){
	// A whole URL in a quoted attribute (href, src): a URL with a scheme
	// other than http, https or mailto becomes "#ZgotmplZ" (the probe
	// says so), the normaliser leaves the bytes of urlNormBytes alone and
	// percent-encodes the rest (the probe does that), and the attribute
	// escaper then writes & and + as entities.
	urlAttrChain: func(s string) (string, bool) {
		if !safeScheme(s) || !allBytes(s, &urlNormBytes) {
			return "", false
		}
		if strings.ContainsAny(s, "&+") {
			return htmlReplacer.Replace(s), true
		}
		return s, true
	},
	// A part of a URL after its path (href="#{{.ID}}"), in a quoted
	// attribute: unreserved bytes stay, any other is percent-encoded.
	"_html_template_urlescaper _html_template_attrescaper": func(s string) (string, bool) {
		return s, allBytes(s, &urlUnreservedBytes)
	},
	// Text in <title> or <textarea>: for a string, what the text's escaper
	// writes.
	"_html_template_rcdataescaper": func(s string) (string, bool) {
		return htmlReplacer.Replace(s), true
	},
	// A value in a script: JSON. A string is left to the probe (it is
	// quoted and escaped there); template.JS, jsonLD's, is written as it is.
	jsValChain: func(string) (string, bool) { return "", false },
}

const (
	urlAttrChain = "_html_template_urlfilter _html_template_urlnormalizer _html_template_attrescaper"
	jsValChain   = "_html_template_jsvalescaper"
)

// fusedName is the function a fused chain is called by in a template.
func fusedName(chain string) string {
	return "fused" + strings.ReplaceAll(chain, " ", "")
}

// urlUnreservedBytes are RFC 3986's unreserved bytes, which
// html/template's URL escaper leaves as they are; urlNormBytes are those
// and the reserved ones, which its normaliser leaves as they are (with &
// and +, which the attribute escaper then writes as entities). % is in
// neither: the normaliser keeps some escapes and encodes others, so a URL
// with % goes to the probe.
var urlUnreservedBytes, urlNormBytes = func() (u, n [256]bool) {
	for c := range 256 {
		u[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("-._~", byte(c)) >= 0
		n[c] = u[c] || strings.IndexByte("!#$&*+,/:;=?@[]", byte(c)) >= 0
	}
	return
}()

func allBytes(s string, set *[256]bool) bool {
	for i := range len(s) {
		if !set[s[i]] {
			return false
		}
	}
	return true
}

// safeScheme is html/template's test of a URL: no scheme, or http, https
// or mailto.
func safeScheme(s string) bool {
	scheme, _, ok := strings.Cut(s, ":")
	return !ok || strings.Contains(scheme, "/") ||
		strings.EqualFold(scheme, "http") || strings.EqualFold(scheme, "https") || strings.EqualFold(scheme, "mailto")
}

// fuseEscapers replaces, in every template of tmpl, each action's chain of
// escapers that fusedEscapers has by one call of its fused function. The
// templates must be escaped (foldEscaped), and given escapeFuncs.
func fuseEscapers(tmpl *template.Template) {
	for _, t := range tmpl.Templates() {
		if t.Tree == nil || t.Tree.Root == nil {
			continue
		}
		eachPipe(t.Tree.Root, func(p *parse.PipeNode) {
			for i := 1; i < len(p.Cmds); i++ {
				chain, ok := escaperChain(p.Cmds[i:])
				if !ok {
					continue
				}
				if _, ok := fusedEscapers[chain]; ok {
					last := p.Cmds[i]
					p.Cmds = append(p.Cmds[:i], &parse.CommandNode{NodeType: parse.NodeCommand, Pos: last.Pos,
						Args: []parse.Node{parse.NewIdentifier(fusedName(chain)).SetPos(last.Pos)}})
				}
				return
			}
		})
	}
}

// probeEscape is what html/template's escaper named, or chain of escapers,
// gives for v.
func probeEscape(escaper string, v any) string {
	p, ok := probes()[escaper]
	if !ok {
		panic("render: no probe for " + escaper) // probeContexts has every context of escapeFuncs
	}
	var b strings.Builder
	if err := p.tmpl.Execute(&b, v); err != nil {
		panic("render: " + escaper + ": " + err.Error()) // an escaper of one value does not fail
	}
	out := strings.TrimPrefix(b.String(), p.prefix)
	return strings.TrimSuffix(out, p.suffix)
}

// urlAttrName is the function {{url X}} in a URL attribute becomes:
// {{url X | fused…}}, url and its fused escapers, is {{urlAttr X}}, one
// call for the links a page has in lists (areas, tags, related pages).
const urlAttrName = "fused_urlAttr"

// fuseURLCalls replaces, in every template of tmpl, each action that is a
// call of url with one argument and the fused chain of a URL attribute
// (fuseEscapers) by one call of urlAttrName, which urlAttr makes.
func fuseURLCalls(tmpl *template.Template) {
	isCall := func(cmd *parse.CommandNode, name string) bool {
		id, ok := cmd.Args[0].(*parse.IdentifierNode)
		return ok && id.Ident == name
	}
	for _, t := range tmpl.Templates() {
		if t.Tree == nil || t.Tree.Root == nil {
			continue
		}
		eachPipe(t.Tree.Root, func(p *parse.PipeNode) {
			if len(p.Decl) == 0 && len(p.Cmds) == 2 && len(p.Cmds[0].Args) == 2 && len(p.Cmds[1].Args) == 1 &&
				isCall(p.Cmds[0], "url") && isCall(p.Cmds[1], fusedName(urlAttrChain)) {
				p.Cmds[0].Args[0] = parse.NewIdentifier(urlAttrName).SetPos(p.Cmds[0].Args[0].Position())
				p.Cmds = p.Cmds[:1]
			}
		})
	}
}

// urlAttr is url followed by the fused escapers of a URL attribute.
func urlAttr(url func(string) string) func(string) string {
	escape := escapeFuncs()[fusedName(urlAttrChain)].(func(any) string)
	return func(rel string) string { return escape(url(rel)) }
}
