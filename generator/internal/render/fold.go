package render

import (
	"html/template"
	"io"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"text/template/parse"
)

// constFuncs are the template functions whose result depends only on their
// arguments and on what is fixed for one render (the theme's strings, the
// base URL, the assets' fingerprints): {{t "facts.heading"}}, {{asset
// "style.css"}}, {{url ""}}, {{csp}} give the same string on every page.
var constFuncs = map[string]bool{
	"t": true, "csp": true, "url": true, "absURL": true, "origin": true, "asset": true,
	"feedURL": true, "dataURL": true, "statementURL": true,
	"statementReportURL": true, "newCaseURL": true, "section": true, "tagURL": true,
}

// foldConstants replaces each call of a constFuncs function whose arguments
// are all quoted strings, in every template of tmpl, by the string it
// gives: {{t "facts.heading"}} becomes {{"Fakta"}}. A case study's page
// has dozens of such calls, and each costs html/template a call through
// reflection on every page; folded, it costs one per render. It must run
// before tmpl is first executed, since html/template then adds its escapers
// to each action, and a folded string is escaped exactly as the call's
// result was (both are a plain string in the same place). A call that
// fails (an unknown asset) is left for the page to report.
func foldConstants(tmpl *template.Template, funcs template.FuncMap) {
	for _, t := range tmpl.Templates() {
		if t.Tree != nil && t.Tree.Root != nil {
			eachPipe(t.Tree.Root, func(p *parse.PipeNode) { foldPipe(p, funcs) })
		}
	}
}

// eachPipe calls f with the pipeline of every action, template call and
// if, range or with under n, in the order they are written (the pipelines
// inside their arguments are f's to walk).
func eachPipe(n parse.Node, f func(*parse.PipeNode)) {
	var branch func(b *parse.BranchNode)
	branch = func(b *parse.BranchNode) {
		f(b.Pipe)
		if b.List != nil {
			eachPipe(b.List, f)
		}
		if b.ElseList != nil {
			eachPipe(b.ElseList, f)
		}
	}
	switch n := n.(type) {
	case *parse.ListNode:
		if n != nil {
			for _, c := range n.Nodes {
				eachPipe(c, f)
			}
		}
	case *parse.ActionNode:
		f(n.Pipe)
	case *parse.TemplateNode:
		f(n.Pipe)
	case *parse.IfNode:
		branch(&n.BranchNode)
	case *parse.RangeNode:
		branch(&n.BranchNode)
	case *parse.WithNode:
		branch(&n.BranchNode)
	}
}

// foldPipe folds the pipeline's first command, the only one whose
// arguments are all written out (a later one also gets the result before
// it), any parenthesised pipeline among the arguments of its commands, and
// any call without arguments among them ({{if and .Page origin}}).
func foldPipe(p *parse.PipeNode, funcs template.FuncMap) {
	if p == nil {
		return
	}
	for _, cmd := range p.Cmds {
		for i, arg := range cmd.Args {
			switch a := arg.(type) {
			case *parse.IdentifierNode:
				if i > 0 {
					if s, ok := foldCall(&parse.CommandNode{NodeType: parse.NodeCommand, Pos: a.Pos, Args: []parse.Node{a}}, funcs); ok {
						cmd.Args[i] = s
					}
				}
			case *parse.PipeNode:
				foldPipe(a, funcs)
				if len(a.Decl) == 0 && len(a.Cmds) == 1 && len(a.Cmds[0].Args) == 1 {
					if s, ok := a.Cmds[0].Args[0].(*parse.StringNode); ok {
						cmd.Args[i] = s // (t "search.label") as an argument: the string itself
					}
				}
			case *parse.ChainNode:
				if inner, ok := a.Node.(*parse.PipeNode); ok {
					foldPipe(inner, funcs)
				}
			}
		}
	}
	if len(p.Cmds) > 0 {
		if s, ok := foldCall(p.Cmds[0], funcs); ok {
			p.Cmds[0].Args = []parse.Node{s}
		}
	}
}

// foldCall is the string a command gives, when it is a call of a constant
// function with quoted strings as arguments that returns a string.
func foldCall(cmd *parse.CommandNode, funcs template.FuncMap) (*parse.StringNode, bool) {
	if len(cmd.Args) == 0 {
		return nil, false
	}
	id, ok := cmd.Args[0].(*parse.IdentifierNode)
	if !ok || !constFuncs[id.Ident] {
		return nil, false
	}
	fn := reflect.ValueOf(funcs[id.Ident])
	if fn.Kind() != reflect.Func {
		return nil, false
	}
	ft := fn.Type()
	if ft.NumOut() == 0 || ft.Out(0) != reflect.TypeFor[string]() || ft.NumOut() == 2 && ft.Out(1) != reflect.TypeFor[error]() {
		return nil, false
	}
	args := make([]reflect.Value, 0, len(cmd.Args)-1)
	for i, a := range cmd.Args[1:] {
		s, ok := a.(*parse.StringNode)
		if !ok {
			return nil, false
		}
		var want reflect.Type
		switch {
		case ft.IsVariadic() && i >= ft.NumIn()-1:
			want = ft.In(ft.NumIn() - 1).Elem()
		case i < ft.NumIn():
			want = ft.In(i)
		default:
			return nil, false
		}
		if !reflect.TypeFor[string]().AssignableTo(want) {
			return nil, false
		}
		args = append(args, reflect.ValueOf(s.Text))
	}
	if n := len(args); n < ft.NumIn()-1 || !ft.IsVariadic() && n != ft.NumIn() {
		return nil, false
	}
	out := fn.Call(args)
	if len(out) == 2 && !out[1].IsNil() {
		return nil, false
	}
	text := out[0].String()
	return &parse.StringNode{NodeType: parse.NodeString, Pos: cmd.Pos, Quoted: strconv.Quote(text), Text: text}, true
}

// foldEscaped turns each action that is a folded string and html/template's
// escapers ({{"Fakta" | _html_template_htmlescaper}}) into the text it
// writes, in every template of tmpl, so that such an action costs nothing
// on a page. A template is escaped by its first execution: foldEscaped
// executes the template name ("base.html") with no data, which escapes it
// and every partial it reaches, and stops at its first field; then the
// partials RenderPages executes by name (those named by sitePartial,
// sectionPartial and pagePartial, and usageRow's), so that all it executes
// are escaped before any page, as escapeFuncs needs. It returns the names
// of the templates it executed (fastExec starts only at those).
// The escaped text comes from html/template itself: a probe template with
// the action alone in a context that gives the same escapers (probes); an
// action whose escapers no probe has is left as it is.
func foldEscaped(tmpl *template.Template, name string) (executed []string) {
	_ = tmpl.ExecuteTemplate(io.Discard, name, nil) // the error is the missing data, wanted
	executed = append(executed, name)
	byName := map[string]bool{usageRowPartial: true}
	for _, t := range tmpl.Templates() {
		if t.Tree != nil && t.Tree.Root != nil {
			partialCalls(t.Tree.Root, byName)
		}
	}
	for name := range byName {
		if tmpl.Lookup(name) != nil {
			_ = tmpl.ExecuteTemplate(io.Discard, name, nil) // likewise
			executed = append(executed, name)
		}
	}
	for _, t := range tmpl.Templates() {
		if t.Tree != nil && t.Tree.Root != nil {
			foldText(t.Tree.Root)
		}
	}
	return executed
}

// partialCalls adds to names the partials that n names in calls of
// sitePartial, sectionPartial and pagePartial.
func partialCalls(n parse.Node, names map[string]bool) {
	var pipe func(p *parse.PipeNode)
	pipe = func(p *parse.PipeNode) {
		if p == nil {
			return
		}
		for _, cmd := range p.Cmds {
			if len(cmd.Args) > 1 {
				if id, ok := cmd.Args[0].(*parse.IdentifierNode); ok && (id.Ident == "sitePartial" || id.Ident == "sectionPartial" || id.Ident == "pagePartial") {
					if s, ok := cmd.Args[1].(*parse.StringNode); ok {
						names[s.Text] = true
					}
				}
			}
			for _, a := range cmd.Args {
				if inner, ok := a.(*parse.PipeNode); ok {
					pipe(inner)
				}
			}
		}
	}
	eachPipe(n, pipe)
}

func foldText(n parse.Node) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for i, c := range n.Nodes {
			if a, ok := c.(*parse.ActionNode); ok {
				if text, ok := escapedConstant(a.Pipe); ok {
					n.Nodes[i] = &parse.TextNode{NodeType: parse.NodeText, Pos: a.Pos, Text: []byte(text)}
				}
				continue
			}
			foldText(c)
		}
	case *parse.IfNode:
		foldText(n.List)
		foldText(n.ElseList)
	case *parse.RangeNode:
		foldText(n.List)
		foldText(n.ElseList)
	case *parse.WithNode:
		foldText(n.List)
		foldText(n.ElseList)
	}
}

// escapedConstant is what an action writes when it is a string and
// escapers only.
func escapedConstant(p *parse.PipeNode) (string, bool) {
	if p == nil || len(p.Decl) > 0 || len(p.Cmds) < 2 || len(p.Cmds[0].Args) != 1 {
		return "", false
	}
	s, ok := p.Cmds[0].Args[0].(*parse.StringNode)
	if !ok {
		return "", false
	}
	chain, ok := escaperChain(p.Cmds[1:])
	if !ok {
		return "", false
	}
	probe, ok := probes()[chain]
	if !ok {
		return "", false
	}
	return probe.run(s.Text)
}

// escaperChain is the names of a pipeline's escapers, space-separated,
// when its commands are html/template's escapers and nothing else.
func escaperChain(cmds []*parse.CommandNode) (string, bool) {
	var names []string
	for _, c := range cmds {
		if len(c.Args) != 1 {
			return "", false
		}
		id, ok := c.Args[0].(*parse.IdentifierNode)
		if !ok || !strings.HasPrefix(id.Ident, "_html_template_") {
			return "", false
		}
		names = append(names, id.Ident)
	}
	return strings.Join(names, " "), true
}

// A probe writes one value in one context: prefix, the value escaped,
// suffix.
type probe struct {
	tmpl           *template.Template
	prefix, suffix string
}

func (p probe) run(value string) (string, bool) {
	var b strings.Builder
	if err := p.tmpl.Execute(&b, value); err != nil {
		return "", false
	}
	out, ok := strings.CutPrefix(b.String(), p.prefix)
	if !ok {
		return "", false
	}
	return strings.CutSuffix(out, p.suffix)
}

// probeContexts are the contexts in which layouts write constants: text,
// attribute values, URLs whole and in part, script, <title>; and the
// contexts of escapeFuncs, whose probes write what they do not.
var probeContexts = []struct{ prefix, suffix string }{
	{"", ""},
	{`<a title="`, `">`},
	{`<a href="`, `">`},
	{`<a href="/a/`, `">`},
	{`<a href="/a?q=`, `">`},
	{`<a title=`, `>`},
	{`<script>var x = `, `;</script>`},
	{`<title>`, `</title>`},
}

// probes are the probes by the escapers html/template gave their action,
// made once.
var probes = sync.OnceValue(func() map[string]probe {
	m := map[string]probe{}
	for _, c := range probeContexts {
		t := template.Must(template.New("probe").Parse(c.prefix + "{{.}}" + c.suffix))
		if err := t.Execute(io.Discard, ""); err != nil {
			continue
		}
		for _, n := range t.Tree.Root.Nodes {
			if a, ok := n.(*parse.ActionNode); ok && len(a.Pipe.Cmds) > 1 {
				if chain, ok := escaperChain(a.Pipe.Cmds[1:]); ok {
					if _, seen := m[chain]; !seen {
						m[chain] = probe{t, c.prefix, c.suffix}
					}
				}
			}
		}
	}
	return m
})
