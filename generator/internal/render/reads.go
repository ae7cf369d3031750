package render

import (
	"html/template"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"text/template/parse"
)

// reads is what a layout can read of its Data, found in the parse trees of
// base.html, the partials and the layout (see Fingerprints): a tree of the
// paths through the data, rooted at dot.
type reads struct {
	fields map[string]*reads // .Name: a field, a method, a map key; "[:n]": the first n elements
	elem   *reads            // each element, for range
	value  bool              // the value is shown, compared or passed to a function: all of it counts
	truth  bool              // whether it is empty (if, with, and, or, not)
	len    bool              // its length (range, len)

	// Set by freeze, for Fingerprints.
	shared bool                   // memoised by Fingerprints: the site, an element of a list
	name   string                 // the step from the parent
	order  []*reads               // fields, by name
	access sync.Map               // accessKey → *access
	last   atomic.Pointer[access] // the last one used: nearly always the one needed
}

// freeze names the steps and orders the fields, once the analysis is done.
func (r *reads) freeze(name string) *reads {
	r.name = name
	r.shared = (name == "Site" || name == "[]") && (len(r.fields) > 0 || r.elem != nil)
	names := make([]string, 0, len(r.fields))
	for n := range r.fields {
		names = append(names, n)
	}
	sort.Strings(names)
	r.order = r.order[:0]
	for _, n := range names {
		r.order = append(r.order, r.fields[n].freeze(n))
	}
	if r.elem != nil {
		r.elem.freeze("[]")
	}
	return r
}

func (r *reads) field(name string) *reads {
	if r.fields == nil {
		r.fields = map[string]*reads{}
	}
	c := r.fields[name]
	if c == nil {
		c = &reads{}
		r.fields[name] = c
	}
	return c
}

func (r *reads) each() *reads {
	if r.elem == nil {
		r.elem = &reads{}
	}
	return r.elem
}

// paths lists the paths read, one a line, for tests and for people:
// "Page.Meta.Title", "Site.Areas[].Pages#len", "Page.Municipality?".
func (r *reads) paths() []string {
	var out []string
	var walk func(r *reads, prefix string)
	walk = func(r *reads, prefix string) {
		if r.value {
			out = append(out, prefix)
		}
		if r.truth {
			out = append(out, prefix+"?")
		}
		if r.len {
			out = append(out, prefix+"#len")
		}
		names := make([]string, 0, len(r.fields))
		for n := range r.fields {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			sep := "."
			if prefix == "" || strings.HasPrefix(n, "[") {
				sep = ""
			}
			walk(r.fields[n], prefix+sep+n)
		}
		if r.elem != nil {
			walk(r.elem, prefix+"[]")
		}
	}
	walk(r, "")
	return out
}

// An abstract value: the places in the data a template value may come from,
// and, for a map built by dict, its values by key. A value computed by a
// function from what it read (a count, a string) comes from nowhere.
type abstract struct {
	from []*reads
	dict map[string]abstract
}

func (a abstract) field(name string) abstract {
	var out abstract
	for _, r := range a.from {
		out.from = append(out.from, r.field(name))
	}
	if v, ok := a.dict[name]; ok {
		out = union(out, v)
	}
	return out
}

func (a abstract) each() abstract {
	var out abstract
	for _, r := range a.from {
		out.from = append(out.from, r.each())
	}
	return out
}

func union(a, b abstract) abstract {
	out := abstract{from: append(append([]*reads(nil), a.from...), b.from...)}
	if a.dict != nil || b.dict != nil {
		out.dict = map[string]abstract{}
		for k, v := range a.dict {
			out.dict[k] = v
		}
		for k, v := range b.dict {
			out.dict[k] = union(out.dict[k], v)
		}
	}
	return out
}

// use marks how a value is used: shown whole, tested for emptiness, or
// counted.
type use int

const (
	useValue use = iota
	useTruth
	useLen
)

func (a abstract) mark(u use) {
	for _, r := range a.from {
		switch u {
		case useValue:
			r.value = true
		case useTruth:
			r.truth = true
		case useLen:
			r.len = true
		}
	}
	if u == useValue {
		for _, v := range a.dict { // a map shown or passed whole shows its values
			v.mark(useValue)
		}
	}
}

// funcReads says, for each template function that takes the site's data
// rather than a value to show, what it reads of each argument, as paths in
// the syntax of reads.paths. Every other function reads its arguments
// whole (useValue), which is right for a function of the values it is
// given; a function that reaches past its arguments into the data must be
// listed here (TestFuncsDeclareReads fails otherwise). What a function
// takes from the settings (the base path, the repository) is covered by
// Site.Config, which every fingerprint hashes.
var funcReads = map[string][][]string{
	"body":    {{"Doc.HTML"}}, // BodyHTML: packed only in kb build, which takes no fingerprints
	"toc":     {{"Doc.Headings"}},
	"editURL": {{"Path"}},
	"figures": {{"CaseStudies#len", "Municipalities[].CaseStudies#len", "Counties[].CaseStudies#len", "Areas[].Pages#len"}},
	"homeMap": {{"Municipalities[].CaseStudies#len", "Municipalities[].Name", "Municipalities[].URL",
		"Municipalities[].Place", "Municipalities[].County.Code"}, {""}},
	"jsonLD": {{"Site.Config", "Layout", "URL", "Title", "Crumbs",
		"Page?", "Page.Kind", "Page.URL", "Page.Meta.Title", "Page.Meta.Summary", "Page.Meta.Published",
		"Page.Meta.Updated", "Page.Meta.Region", "Page.Municipality?", "Page.Municipality.Name",
		"Page.Municipality.URL", "Page.Municipality.County.Name", "Page.Municipality.County.URL", "Page.Areas[].Label"}},
}

// valueFuncs are the functions that read only the values of their
// arguments (strings, numbers, dates), besides the settings and the
// theme's texts. The template package's own are handled by analyse.
var valueFuncs = map[string]bool{
	"t": true, "csp": true, "url": true, "absURL": true, "origin": true, "asset": true, "date": true, "isoDate": true,
	"number": true, "newCaseURL": true, "plural": true, "feedURL": true, "dataURL": true,
	"list": true, "section": true, "nav": true, "tagURL": true, "statementURL": true, "statementReportURL": true, "tel": true,
}

// shapeFuncs are the functions whose result the analysis follows into the
// data (call): first gives elements of its argument, dict a map of its
// values, usageRow is the partial usagerow.html called with its argument.
// sitePartial, sectionPartial and pagePartial are the partial they name,
// called with their second argument.
var shapeFuncs = map[string]bool{"first": true, "dict": true, "usageRow": true, "sitePartial": true, "sectionPartial": true, "pagePartial": true}

// apply marks the reads of one declared path below a.
func (a abstract) apply(path string) {
	u := useValue
	switch {
	case strings.HasSuffix(path, "#len"):
		path, u = strings.TrimSuffix(path, "#len"), useLen
	case strings.HasSuffix(path, "?"):
		path, u = strings.TrimSuffix(path, "?"), useTruth
	}
	for path != "" {
		var step string
		step, path, _ = strings.Cut(path, ".")
		for strings.HasSuffix(step, "[]") {
			// x[][] is not needed yet; one level of elements
			a = a.field(strings.TrimSuffix(step, "[]")).each()
			step = ""
		}
		if step != "" {
			a = a.field(step)
		}
	}
	a.mark(u)
}

// layoutReads analyses one layout: base.html with the partials and the
// layout's own templates (main, head), from dot.
func layoutReads(t *template.Template) *reads {
	root := &reads{}
	root.field("Site").field("Config").value = true // the template functions' settings
	an := &analyser{set: t, active: map[string]bool{}}
	// Twice: a variable assigned late in a range is seen by the next
	// iteration's earlier uses.
	for range 2 {
		an.template("base.html", abstract{from: []*reads{root}})
	}
	return root
}

type analyser struct {
	set    *template.Template
	active map[string]bool // templates being analysed, against recursion

	sitePartials    map[string]bool // partials called with sitePartial, when not nil
	sectionPartials map[string]bool // partials called with sectionPartial, when not nil
	sectionOnly     bool            // nav and section read only the section of their URL (sectionPartialProblems)
}

// scope is one template's variables; $ is dot where it was called.
type scope map[string]abstract

func (an *analyser) template(name string, dot abstract) {
	t := an.set.Lookup(name)
	if t == nil || t.Tree == nil || an.active[name] {
		return // an undefined template fails to render; a recursive call reads what its first call does
	}
	an.active[name] = true
	defer delete(an.active, name)
	an.list(t.Tree.Root, dot, scope{"$": dot})
}

func (an *analyser) list(l *parse.ListNode, dot abstract, vars scope) {
	if l == nil {
		return
	}
	for _, n := range l.Nodes {
		an.node(n, dot, vars)
	}
}

func (an *analyser) node(n parse.Node, dot abstract, vars scope) {
	switch n := n.(type) {
	case *parse.ActionNode:
		v := an.pipe(n.Pipe, dot, vars)
		if len(n.Pipe.Decl) == 0 {
			v.mark(useValue)
		}
	case *parse.IfNode:
		an.pipe(n.Pipe, dot, vars).mark(useTruth)
		an.list(n.List, dot, vars)
		an.list(n.ElseList, dot, vars)
	case *parse.WithNode:
		v := an.pipe(n.Pipe, dot, vars)
		v.mark(useTruth)
		an.list(n.List, v, vars)
		an.list(n.ElseList, dot, vars)
	case *parse.RangeNode:
		v := an.pipe(n.Pipe, dot, vars)
		v.mark(useLen)
		e := v.each()
		// With two variables the first is the index or key; with one,
		// the element. Both are assigned by pipe, from v: correct them.
		switch len(n.Pipe.Decl) {
		case 1:
			vars[n.Pipe.Decl[0].Ident[0]] = e
		case 2:
			vars[n.Pipe.Decl[0].Ident[0]] = abstract{}
			vars[n.Pipe.Decl[1].Ident[0]] = e
		}
		an.list(n.List, e, vars)
		an.list(n.ElseList, dot, vars)
	case *parse.TemplateNode:
		var arg abstract
		if n.Pipe != nil {
			arg = an.pipe(n.Pipe, dot, vars)
		}
		an.template(n.Name, arg)
	case *parse.ListNode:
		an.list(n, dot, vars)
	}
}

// pipe evaluates a pipeline: each command gets the last one's result as its
// last argument. Declared variables get the result.
func (an *analyser) pipe(p *parse.PipeNode, dot abstract, vars scope) abstract {
	if p == nil {
		return abstract{}
	}
	var v abstract
	for i, c := range p.Cmds {
		var piped *abstract
		if i > 0 {
			piped = &v
		}
		v = an.command(c, dot, vars, piped)
	}
	for _, d := range p.Decl {
		name := d.Ident[0]
		if p.IsAssign {
			vars[name] = union(vars[name], v)
		} else {
			vars[name] = union(vars[name], v) // the same name declared twice in a template: either may be read
		}
	}
	return v
}

func (an *analyser) command(c *parse.CommandNode, dot abstract, vars scope, piped *abstract) abstract {
	args := func() []abstract {
		var out []abstract
		for _, a := range c.Args[1:] {
			out = append(out, an.arg(a, dot, vars))
		}
		if piped != nil {
			out = append(out, *piped)
		}
		return out
	}
	switch first := c.Args[0].(type) {
	case *parse.IdentifierNode:
		return an.call(first.Ident, c.Args[1:], args())
	case *parse.FieldNode, *parse.ChainNode, *parse.VariableNode:
		if len(c.Args) > 1 || piped != nil {
			// A method called with arguments: its result depends on all of
			// the receiver and the arguments.
			for _, a := range args() {
				a.mark(useValue)
			}
			v := an.arg(first, dot, vars)
			v.mark(useValue)
			return v
		}
	}
	return an.arg(c.Args[0], dot, vars)
}

func (an *analyser) arg(n parse.Node, dot abstract, vars scope) abstract {
	switch n := n.(type) {
	case *parse.DotNode:
		return dot
	case *parse.FieldNode:
		return fields(dot, n.Ident)
	case *parse.VariableNode:
		return fields(vars[n.Ident[0]], n.Ident[1:])
	case *parse.ChainNode:
		return fields(an.arg(n.Node, dot, vars), n.Field)
	case *parse.PipeNode:
		return an.pipe(n, dot, vars)
	case *parse.IdentifierNode: // a function called without arguments
		return an.call(n.Ident, nil, nil)
	}
	return abstract{} // a constant
}

func fields(a abstract, names []string) abstract {
	for _, n := range names {
		a = a.field(n)
	}
	return a
}

// call is a template function: what it reads of its arguments, and where
// its result comes from.
func (an *analyser) call(name string, nodes []parse.Node, args []abstract) abstract {
	switch name {
	case "and", "or": // the result is one of the arguments
		var out abstract
		for _, a := range args {
			a.mark(useTruth)
			out = union(out, a)
		}
		return out
	case "not":
		for _, a := range args {
			a.mark(useTruth)
		}
		return abstract{}
	case "len":
		for _, a := range args {
			a.mark(useLen)
		}
		return abstract{}
	case "first": // first list n: the first n elements, n a constant
		if len(args) == 2 && len(nodes) == 2 {
			if num, ok := nodes[1].(*parse.NumberNode); ok && num.IsInt {
				return args[0].field("[:" + strconv.FormatInt(num.Int64, 10) + "]")
			}
		}
		for _, a := range args {
			a.mark(useValue)
		}
		return abstract{}
	case "sitePartial", "sectionPartial", "pagePartial": // {{template NAME .}}, rendered once per build (per section, per page)
		if len(args) == 2 && len(nodes) == 2 {
			if partial, ok := nodes[0].(*parse.StringNode); ok {
				if an.sitePartials != nil && name == "sitePartial" {
					an.sitePartials[partial.Text] = true
				}
				if an.sectionPartials != nil && name == "sectionPartial" {
					an.sectionPartials[partial.Text] = true
				}
				an.template(partial.Text, args[1])
				return abstract{}
			}
		}
		for _, a := range args {
			a.mark(useValue)
		}
		return abstract{}
	case "usageRow": // {{template "usagerow.html" .}}, rendered once per row
		if len(args) == 1 {
			an.template(usageRowPartial, args[0])
			return abstract{}
		}
		for _, a := range args {
			a.mark(useValue)
		}
		return abstract{}
	case "dict":
		out := abstract{dict: map[string]abstract{}}
		for i := 0; i+1 < len(args); i += 2 {
			if i >= len(nodes) {
				break
			}
			key, ok := nodes[i].(*parse.StringNode)
			if !ok { // a key not known here: any value may be read
				for _, a := range args {
					a.mark(useValue)
				}
				return abstract{}
			}
			out.dict[key.Text] = union(out.dict[key.Text], args[i+1])
		}
		return out
	}
	if an.sectionOnly && (name == "nav" || name == "section") && len(args) > 0 {
		args[0].field(sectionStep).mark(useValue) // the URL's section, not the URL
		for _, a := range args[1:] {
			a.mark(useValue)
		}
		return abstract{}
	}
	if decl, ok := funcReads[name]; ok {
		for i, a := range args {
			if i >= len(decl) {
				a.mark(useValue)
				continue
			}
			for _, path := range decl[i] {
				a.apply(path)
			}
		}
		return abstract{}
	}
	// Every other function, the template package's (eq, print, index …)
	// and html/template's escapers included: its arguments count whole.
	for _, a := range args {
		a.mark(useValue)
	}
	return abstract{}
}

// sitePartialProblems checks the partials a layout calls with sitePartial,
// whose output RenderPages renders once and gives every page: each may
// read only the site (.Site), which is the same for every page. It returns,
// per partial, what else it reads ("URL", "Page.Meta.Title").
func sitePartialProblems(t *template.Template) map[string][]string {
	an := &analyser{set: t, active: map[string]bool{}, sitePartials: map[string]bool{}}
	an.template("base.html", abstract{from: []*reads{{}}})
	return partialProblems(t, an.sitePartials, false, func(p string) bool { return false })
}

// sectionPartialProblems checks the partials a layout calls with
// sectionPartial, whose output RenderPages renders once per layout and
// section (sectionKey): each may read the site, the layout's name and the
// section of the page's URL, through nav or section, and nothing else. It
// returns, per partial, what else it reads.
func sectionPartialProblems(t *template.Template) map[string][]string {
	an := &analyser{set: t, active: map[string]bool{}, sectionPartials: map[string]bool{}}
	an.template("base.html", abstract{from: []*reads{{}}})
	return partialProblems(t, an.sectionPartials, true, func(p string) bool {
		return p == "Layout" || p == "Layout?" || p == "URL."+sectionStep
	})
}

// sectionStep is the step of a URL that nav and section read, in the paths
// of sectionPartialProblems: "URL.(section)".
const sectionStep = "(section)"

// partialProblems returns what each of the partials reads besides .Site and
// what allowed accepts.
func partialProblems(t *template.Template, partials map[string]bool, sectionOnly bool, allowed func(path string) bool) map[string][]string {
	out := map[string][]string{}
	for name := range partials {
		root := &reads{}
		part := &analyser{set: t, active: map[string]bool{}, sectionOnly: sectionOnly}
		for range 2 {
			part.template(name, abstract{from: []*reads{root}})
		}
		for _, p := range root.paths() {
			if p != "Site" && !strings.HasPrefix(p, "Site.") && !strings.HasPrefix(p, "Site?") && !strings.HasPrefix(p, "Site#") && !allowed(p) {
				out[name] = append(out[name], p)
			}
		}
	}
	return out
}
