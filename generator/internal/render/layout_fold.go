package render

import (
	"html/template"
	"strconv"
	"text/template/parse"
)

// foldLayout makes what base.html decides by the page's layout a decision
// of the layout's own template. RenderPages gives each layout its own
// copy of the templates and executes a page with the copy its Layout
// names, so wherever dot is the page's Data in base.html (outside with and
// range), .Layout is that name: {{if eq .Layout "home"}} is decided once,
// not by three calls through reflection (eq packs its arguments) on every
// page. It replaces .Layout there by the name, evaluates eq, ne and not of
// quoted strings, drops from and and or the constants that cannot decide
// them, and leaves of an if whose condition is then a constant the branch
// it takes (unless that branch declares a variable, which the if's scope
// would have ended). It runs once the templates are escaped, and folds
// what became a string with its escapers into text (foldText), such as
// class="{{.Layout}}".
func foldLayout(tmpl *template.Template, base, layout string) {
	t := tmpl.Lookup(base)
	if t == nil || t.Tree == nil || t.Tree.Root == nil {
		return
	}
	foldLayoutList(t.Tree.Root, layout)
	foldText(t.Tree.Root)
}

// foldLayoutList folds the nodes of l, where dot is the page's Data.
func foldLayoutList(l *parse.ListNode, layout string) {
	if l == nil {
		return
	}
	out := l.Nodes[:0:0]
	for _, n := range l.Nodes {
		switch n := n.(type) {
		case *parse.ActionNode:
			foldLayoutPipe(n.Pipe, layout)
		case *parse.TemplateNode:
			foldLayoutPipe(n.Pipe, layout)
		case *parse.WithNode: // dot changes inside: only the pipeline is at Data
			foldLayoutPipe(n.Pipe, layout)
		case *parse.RangeNode:
			foldLayoutPipe(n.Pipe, layout)
		case *parse.IfNode:
			foldLayoutPipe(n.Pipe, layout)
			simplifyCondition(n.Pipe)
			foldLayoutList(n.List, layout)
			foldLayoutList(n.ElseList, layout)
			if truth, ok := constantTruth(n.Pipe); ok {
				branch := n.ElseList
				if truth {
					branch = n.List
				}
				if branch == nil {
					continue
				}
				if !declares(branch) {
					out = append(out, branch.Nodes...)
					continue
				}
			}
		}
		out = append(out, n)
	}
	l.Nodes = out
}

// foldLayoutPipe replaces .Layout in p (and in the pipelines among its
// arguments) by the layout's name, and each call of eq, ne or not whose
// arguments are then constants by its result.
func foldLayoutPipe(p *parse.PipeNode, layout string) {
	if p == nil {
		return
	}
	for _, cmd := range p.Cmds {
		for i, arg := range cmd.Args {
			switch a := arg.(type) {
			case *parse.FieldNode:
				if len(a.Ident) == 1 && a.Ident[0] == "Layout" {
					cmd.Args[i] = &parse.StringNode{NodeType: parse.NodeString, Pos: a.Pos, Quoted: strconv.Quote(layout), Text: layout}
				}
			case *parse.PipeNode:
				foldLayoutPipe(a, layout)
				if c, ok := constantPipe(a); ok {
					cmd.Args[i] = c
				}
			}
		}
	}
	if len(p.Cmds) == 1 && len(p.Decl) == 0 {
		if b, ok := compareConstants(p.Cmds[0]); ok {
			p.Cmds[0].Args = []parse.Node{b}
		}
	}
}

// constantPipe is the constant a parenthesised pipeline gives, when it
// is one.
func constantPipe(p *parse.PipeNode) (parse.Node, bool) {
	if len(p.Decl) > 0 || len(p.Cmds) != 1 {
		return nil, false
	}
	if b, ok := compareConstants(p.Cmds[0]); ok {
		return b, true
	}
	if len(p.Cmds[0].Args) == 1 {
		switch c := p.Cmds[0].Args[0].(type) {
		case *parse.BoolNode, *parse.StringNode:
			return c, true
		}
	}
	return nil, false
}

// compareConstants is the result of eq or ne of quoted strings, or of
// not of a constant, as text/template's builtins give it.
func compareConstants(cmd *parse.CommandNode) (*parse.BoolNode, bool) {
	id, ok := cmd.Args[0].(*parse.IdentifierNode)
	if !ok {
		return nil, false
	}
	result := func(b bool) (*parse.BoolNode, bool) {
		return &parse.BoolNode{NodeType: parse.NodeBool, Pos: cmd.Pos, True: b}, true
	}
	args := cmd.Args[1:]
	switch id.Ident {
	case "eq", "ne":
		if len(args) < 2 || id.Ident == "ne" && len(args) != 2 {
			return nil, false
		}
		var s []string
		for _, a := range args {
			str, ok := a.(*parse.StringNode)
			if !ok {
				return nil, false
			}
			s = append(s, str.Text)
		}
		eq := false
		for _, other := range s[1:] {
			eq = eq || s[0] == other
		}
		return result(eq == (id.Ident == "eq"))
	case "not":
		if len(args) == 1 {
			if truth, ok := constantTruthOf(args[0]); ok {
				return result(!truth)
			}
		}
	}
	return nil, false
}

// simplifyCondition drops, from an if's condition that is a call of and
// or or, the constants that do not decide it: and's leading true
// arguments, or's leading false ones. When one that decides it follows
// only fields and variables (which give a value and do nothing else), the
// condition becomes that constant: the if reads only its truth. One
// argument left, it becomes the condition itself.
func simplifyCondition(p *parse.PipeNode) {
	if p == nil || len(p.Decl) > 0 || len(p.Cmds) != 1 {
		return
	}
	cmd := p.Cmds[0]
	id, ok := cmd.Args[0].(*parse.IdentifierNode)
	if !ok || id.Ident != "and" && id.Ident != "or" || len(cmd.Args) < 2 {
		return
	}
	decides := id.Ident == "or" // or is decided by a true argument, and by a false one
	var kept []parse.Node
	for _, a := range cmd.Args[1:] {
		truth, ok := constantTruthOf(a)
		switch {
		case !ok:
			kept = append(kept, a)
			continue
		case truth != decides:
			continue // cannot decide it
		}
		for _, k := range kept {
			switch k.(type) {
			case *parse.FieldNode, *parse.VariableNode, *parse.DotNode:
			default:
				return // an earlier argument may fail: leave the call
			}
		}
		cmd.Args = []parse.Node{&parse.BoolNode{NodeType: parse.NodeBool, Pos: a.Position(), True: truth}}
		return
	}
	switch len(kept) {
	case 0:
		cmd.Args = []parse.Node{&parse.BoolNode{NodeType: parse.NodeBool, Pos: cmd.Pos, True: !decides}}
	case 1:
		cmd.Args = kept
	default:
		cmd.Args = append([]parse.Node{id}, kept...)
	}
}

// constantTruth is whether an if's condition is a constant, and its truth.
func constantTruth(p *parse.PipeNode) (bool, bool) {
	if p == nil || len(p.Decl) > 0 || len(p.Cmds) != 1 || len(p.Cmds[0].Args) != 1 {
		return false, false
	}
	return constantTruthOf(p.Cmds[0].Args[0])
}

func constantTruthOf(n parse.Node) (bool, bool) {
	switch c := n.(type) {
	case *parse.BoolNode:
		return c.True, true
	case *parse.StringNode:
		return c.Text != "", true
	}
	return false, false
}

// declares is whether any pipeline in l declares a variable.
func declares(l *parse.ListNode) bool {
	found := false
	eachPipe(l, func(p *parse.PipeNode) {
		if p != nil && len(p.Decl) > 0 && !p.IsAssign {
			found = true
		}
	})
	return found
}
