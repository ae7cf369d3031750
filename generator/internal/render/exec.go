package render

import (
	"bytes"
	"fmt"
	"html/template"
	"maps"
	"reflect"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"text/template/parse"
)

// text/template executes a layout by walking its parse tree through
// reflection: each field is looked up by name on every evaluation
// (MethodByName, then FieldByName), every function is called through
// reflect.Value.Call, and each range iteration sets up two deferred
// recovers. A case study's page is about a hundred such evaluations, most
// of a page's template time. fastExec walks the same escaped trees with
// the same rules, but remembers each field's index per type, calls the
// escapers and the functions of one string directly, and iterates without
// defers.
//
// It does only what it knows to be the same as text/template: a node,
// value or call it does not know (a map to range over, a break, a builtin
// other than the common ones, a function that fails or panics, an action
// printed without an html/template escaper last) stops it, and the page is
// executed by html/template from the start, which writes it or reports the
// error as it always did. So a theme renders as before, only faster when
// it keeps to the common case, and every value a page prints has gone
// through html/template's escaper for its context (or escape.go's same
// function): fastExec never prints a value an escaper did not give.
type fastExec struct {
	tmpl    *template.Template
	escaped map[string]bool // the templates foldEscaped had escaped, which execute may start at
	funcs   map[string]fastFunc
	fields  sync.Map                            // typeKey → *typeFields
	chains  map[*string][]fieldSlot             // a chain of field names in the trees (its first name's address) → a slot per name
	strs    map[*parse.StringNode]reflect.Value // each string constant of the trees as a value, made once, not on every call
}

// fieldSlot is the last type a name of one chain in the trees was looked
// up on, and what was found there. A field node is mostly evaluated on
// values of one type, so one comparison of types finds it, where
// fieldInfo hashes the type and the name.
type fieldSlot struct{ last atomic.Pointer[fieldHit] }

type fieldHit struct {
	key  typeKey
	info fieldInfo
}

// fastFunc is a template function, with its common signatures unwrapped.
type fastFunc struct {
	fn     reflect.Value
	any1   func(any) string    // the escapers
	str1   func(string) string // url, fused_urlAttr, tagURL …
	escape bool                // an html/template escaper, or escape.go's fused form of one
	esc    func(string) string // an escaper of escapeFuncs for a string, without boxing it in any
	typed  typedCaller         // fn without reflect.Value.Call, for the signatures of exec_typed.go
}

// newFastExec is the walker of tmpl, a set whose templates named escaped
// html/template has escaped, with the functions the set was given (its
// escapers those of escapeFuncs).
func newFastExec(tmpl *template.Template, escaped []string, funcMaps ...template.FuncMap) *fastExec {
	x := &fastExec{tmpl: tmpl, escaped: map[string]bool{}, funcs: map[string]fastFunc{}, chains: map[*string][]fieldSlot{}, strs: map[*parse.StringNode]reflect.Value{}}
	for _, t := range tmpl.Templates() {
		if t.Tree != nil && t.Tree.Root != nil {
			x.addChains(t.Tree.Root)
		}
	}
	strEscapers := stringEscapers()
	for _, name := range escaped {
		x.escaped[name] = true
	}
	for _, m := range funcMaps {
		for name, f := range m {
			ff := fastFunc{fn: reflect.ValueOf(f), escape: strings.HasPrefix(name, "_html_template_") || strings.HasPrefix(name, "fused"),
				esc: strEscapers[name], typed: typedCall(f)}
			switch f := f.(type) {
			case func(any) string:
				ff.any1 = f
			case func(string) string:
				ff.str1 = f
			}
			x.funcs[name] = ff
		}
	}
	return x
}

// addChains gives every chain of field names under n its slots, and every
// string constant its value.
func (x *fastExec) addChains(n parse.Node) {
	add := func(idents []string) {
		if len(idents) > 0 {
			x.chains[&idents[0]] = make([]fieldSlot, len(idents))
		}
	}
	switch n := n.(type) {
	case *parse.ListNode:
		if n != nil {
			for _, c := range n.Nodes {
				x.addChains(c)
			}
		}
	case *parse.ActionNode:
		x.addChains(n.Pipe)
	case *parse.IfNode:
		x.addChains(n.Pipe)
		x.addChains(n.List)
		x.addChains(n.ElseList)
	case *parse.WithNode:
		x.addChains(n.Pipe)
		x.addChains(n.List)
		x.addChains(n.ElseList)
	case *parse.RangeNode:
		x.addChains(n.Pipe)
		x.addChains(n.List)
		x.addChains(n.ElseList)
	case *parse.TemplateNode:
		x.addChains(n.Pipe)
	case *parse.PipeNode:
		if n != nil {
			for _, c := range n.Cmds {
				x.addChains(c)
			}
		}
	case *parse.CommandNode:
		for _, a := range n.Args {
			x.addChains(a)
		}
	case *parse.StringNode:
		x.strs[n] = reflect.ValueOf(n.Text)
	case *parse.FieldNode:
		add(n.Ident)
	case *parse.VariableNode:
		add(n.Ident[1:])
	}
}

// errFallback stops fastExec: html/template is to execute the page.
type errFallback struct{}

// execute writes template name with data to b and reports true, or, when
// it cannot execute it as text/template would, leaves b as it was and
// reports false.
func (x *fastExec) execute(b *bytes.Buffer, name string, data any) (ok bool) {
	if x == nil || !x.escaped[name] {
		return false
	}
	t := x.tmpl.Lookup(name)
	if t == nil || t.Tree == nil || t.Tree.Root == nil {
		return false
	}
	start := b.Len()
	defer func() {
		if r := recover(); r != nil {
			b.Truncate(start)
			ok = false
		}
	}()
	dot := reflect.ValueOf(data)
	s := &execState{x: x, b: b}
	s.vars = append(s.varBuf[:0], execVar{"$", dot})
	s.args = s.argBuf[:0]
	s.walk(dot, t.Tree.Root)
	return true
}

type execVar struct {
	name  string
	value reflect.Value
}

type execState struct {
	x     *fastExec
	b     *bytes.Buffer
	vars  []execVar
	depth int
	// args is a stack of the arguments of the calls being made: each call
	// takes its arguments from its top (pushArgs) and gives them back when
	// it returns, as the calls its arguments make give theirs back before.
	// A new slice of arguments for every call, which the call keeps past
	// the stack frame, was a third of a page's allocations.
	args []reflect.Value
	// varBuf and argBuf are where vars and args start, in the execState's
	// own memory.
	varBuf [2]execVar
	argBuf [4]reflect.Value
}

// pushArgs returns n arguments from the top of the stack, and the mark to
// give them back with (popArgs). The slice stays valid while calls made
// to fill it push and pop theirs, even if the stack then moves.
func (s *execState) pushArgs(n int) ([]reflect.Value, int) {
	mark := len(s.args)
	s.args = slices.Grow(s.args, n)[:mark+n]
	return s.args[mark : mark+n : mark+n], mark
}

// popArgs gives back the arguments pushed at mark, cleared, so the stack
// holds nothing the collector must keep.
func (s *execState) popArgs(mark int) {
	clear(s.args[mark:])
	s.args = s.args[:mark]
}

func fallback() { panic(errFallback{}) }

func (s *execState) walk(dot reflect.Value, n parse.Node) {
	switch n := n.(type) {
	case *parse.ListNode:
		for _, c := range n.Nodes {
			s.walk(dot, c)
		}
	case *parse.TextNode:
		s.b.Write(n.Text)
	case *parse.CommentNode:
	case *parse.ActionNode:
		if len(n.Pipe.Decl) > 0 {
			s.pipeline(dot, n.Pipe)
			return
		}
		s.print(dot, n.Pipe)
	case *parse.IfNode:
		s.ifOrWith(false, dot, n.Pipe, n.List, n.ElseList)
	case *parse.WithNode:
		s.ifOrWith(true, dot, n.Pipe, n.List, n.ElseList)
	case *parse.RangeNode:
		s.walkRange(dot, n)
	case *parse.TemplateNode:
		t := s.x.tmpl.Lookup(n.Name)
		if t == nil || t.Tree == nil || t.Tree.Root == nil || s.depth >= 100 {
			fallback()
		}
		dot = s.pipeline(dot, n.Pipe)
		inner := &execState{x: s.x, b: s.b, vars: []execVar{{"$", dot}}, depth: s.depth + 1}
		inner.walk(dot, t.Tree.Root)
	default: // break, continue
		fallback()
	}
}

// print writes what an action gives, which must end in an escaper. The
// common cases, a value and its escaper or one call of a function of a
// string, write the escaper's string as it is, without a reflect.Value.
func (s *execState) print(dot reflect.Value, p *parse.PipeNode) {
	if !s.escapedLast(p) {
		fallback()
	}
	last := p.Cmds[len(p.Cmds)-1]
	f := s.x.funcs[last.Args[0].(*parse.IdentifierNode).Ident]
	switch {
	case len(p.Cmds) > 1 && len(last.Args) == 1 && f.any1 != nil:
		v := s.convert(s.commands(dot, p.Cmds[:len(p.Cmds)-1]), anyType)
		s.b.WriteString(f.escapeValue(v))
		return
	case len(p.Cmds) == 1 && len(last.Args) == 2 && f.str1 != nil:
		v := s.convert(s.argValue(dot, last.Args[1], stringType), stringType)
		s.b.WriteString(f.str1(v.String()))
		return
	}
	v := s.pipeline(dot, p)
	if !v.IsValid() || v.Type() != stringType {
		fallback() // escapers give strings; fmt would print another type its own way
	}
	s.b.WriteString(v.String())
}

// escapeValue is f.any1 of v.
func (f *fastFunc) escapeValue(v reflect.Value) string {
	if f.esc != nil && v.Type() == stringType {
		return f.esc(v.String())
	}
	return f.any1(v.Interface())
}

// escapedLast is whether an action's last command is an escaper, so that
// what it prints is what an escaper gave.
func (s *execState) escapedLast(p *parse.PipeNode) bool {
	if p == nil || len(p.Cmds) == 0 {
		return false
	}
	last := p.Cmds[len(p.Cmds)-1]
	id, ok := last.Args[0].(*parse.IdentifierNode)
	if !ok {
		return false
	}
	f, ok := s.x.funcs[id.Ident]
	return ok && (f.escape || id.Ident == urlAttrName)
}

func (s *execState) ifOrWith(with bool, dot reflect.Value, p *parse.PipeNode, list, elseList *parse.ListNode) {
	mark := len(s.vars)
	v := s.pipeline(dot, p)
	truth, ok := isTrue(indirectInterface(v))
	if !ok {
		fallback()
	}
	if truth {
		if with {
			s.walk(v, list)
		} else {
			s.walk(dot, list)
		}
	} else if elseList != nil {
		s.walk(dot, elseList)
	}
	s.vars = s.vars[:mark]
}

func (s *execState) walkRange(dot reflect.Value, r *parse.RangeNode) {
	mark := len(s.vars)
	if r.Pipe.IsAssign {
		fallback()
	}
	v, _ := execIndirect(s.pipeline(dot, r.Pipe))
	switch v.Kind() {
	case reflect.Slice, reflect.Array:
		if v.Len() == 0 {
			break
		}
		inner := len(s.vars)
		for i := range v.Len() {
			elem := v.Index(i)
			if len(r.Pipe.Decl) > 0 {
				s.vars[inner-1].value = elem
			}
			if len(r.Pipe.Decl) > 1 {
				s.vars[inner-2].value = reflect.ValueOf(i)
			}
			s.walk(elem, r.List)
			s.vars = s.vars[:inner]
		}
		s.vars = s.vars[:mark]
		return
	case reflect.Invalid:
	default: // maps, integers, channels, functions: text/template's to do
		fallback()
	}
	if r.ElseList != nil {
		s.walk(dot, r.ElseList)
	}
	s.vars = s.vars[:mark]
}

func (s *execState) pipeline(dot reflect.Value, p *parse.PipeNode) reflect.Value {
	if p == nil {
		return reflect.Value{}
	}
	v := s.commands(dot, p.Cmds)
	for _, d := range p.Decl {
		if p.IsAssign {
			s.setVar(d.Ident[0], v)
		} else {
			s.vars = append(s.vars, execVar{d.Ident[0], v})
		}
	}
	return v
}

// commands evaluates a pipeline's commands, each given the value of the
// one before.
func (s *execState) commands(dot reflect.Value, cmds []*parse.CommandNode) reflect.Value {
	var v reflect.Value
	for i, cmd := range cmds {
		v = s.command(dot, cmd, v, i > 0)
		if v.Kind() == reflect.Interface && v.Type().NumMethod() == 0 {
			v = v.Elem()
		}
	}
	return v
}

func (s *execState) setVar(name string, v reflect.Value) {
	for i := len(s.vars) - 1; i >= 0; i-- {
		if s.vars[i].name == name {
			s.vars[i].value = v
			return
		}
	}
	fallback()
}

func (s *execState) varValue(name string) reflect.Value {
	for i := len(s.vars) - 1; i >= 0; i-- {
		if s.vars[i].name == name {
			return s.vars[i].value
		}
	}
	fallback()
	return reflect.Value{}
}

// command evaluates one command; final is the value of the command before
// it in the pipeline, when hasFinal.
func (s *execState) command(dot reflect.Value, cmd *parse.CommandNode, final reflect.Value, hasFinal bool) reflect.Value {
	switch n := cmd.Args[0].(type) {
	case *parse.IdentifierNode:
		return s.call(dot, n.Ident, cmd.Args[1:], final, hasFinal)
	}
	if len(cmd.Args) > 1 || hasFinal {
		fallback() // a field or method with arguments
	}
	return s.value(dot, cmd.Args[0])
}

// value evaluates a node that is an argument or a command alone.
func (s *execState) value(dot reflect.Value, n parse.Node) reflect.Value {
	switch n := n.(type) {
	case *parse.DotNode:
		return dot
	case *parse.FieldNode:
		return s.fieldChain(dot, n.Ident)
	case *parse.VariableNode:
		v := s.varValue(n.Ident[0])
		if len(n.Ident) == 1 {
			return v
		}
		return s.fieldChain(v, n.Ident[1:])
	case *parse.PipeNode:
		return s.pipeline(dot, n)
	case *parse.IdentifierNode:
		return s.call(dot, n.Ident, nil, reflect.Value{}, false)
	case *parse.StringNode:
		if v, ok := s.x.strs[n]; ok {
			return v
		}
		return reflect.ValueOf(n.Text)
	case *parse.BoolNode:
		return reflect.ValueOf(n.True)
	case *parse.NumberNode:
		if n.IsInt && isDecimal(n.Text) && int64(int(n.Int64)) == n.Int64 {
			return reflect.ValueOf(int(n.Int64))
		}
	}
	fallback()
	return reflect.Value{}
}

func isDecimal(s string) bool {
	s = strings.TrimPrefix(s, "-")
	return s != "" && allBytes(s, &decimalBytes)
}

var decimalBytes = func() (d [256]bool) {
	for c := '0'; c <= '9'; c++ {
		d[c] = true
	}
	return
}()

// typeKey is a type fields are looked up on; addr is whether the value is
// addressable, which gives it the pointer's methods too.
type typeKey struct {
	typ  reflect.Type
	addr bool
}

// typeFields is what has been looked up on one typeKey: name → fieldInfo,
// a map replaced, never changed, when a name is added.
type typeFields struct {
	names atomic.Pointer[map[string]fieldInfo]
	mu    sync.Mutex
}

func (x *fastExec) fieldInfo(key typeKey, name string) fieldInfo {
	v, ok := x.fields.Load(key)
	if !ok {
		v, _ = x.fields.LoadOrStore(key, &typeFields{})
	}
	tf := v.(*typeFields)
	if m := tf.names.Load(); m != nil {
		if info, ok := (*m)[name]; ok {
			return info
		}
	}
	tf.mu.Lock()
	defer tf.mu.Unlock()
	m := map[string]fieldInfo{}
	if old := tf.names.Load(); old != nil {
		maps.Copy(m, *old)
	}
	info := lookupField(key, name)
	m[name] = info
	tf.names.Store(&m)
	return info
}

// fieldInfo is what text/template finds for a name on a typeKey: a method (of the
// pointer when addr), or a struct field, or a map entry.
type fieldInfo struct {
	method  int         // index in the method set, or -1
	typed   typedCaller // the method's function (receiver first) without reflection, or nil
	index   []int
	mapKey  bool
	invalid bool // neither: text/template reports an error
}

func (s *execState) fieldChain(receiver reflect.Value, idents []string) reflect.Value {
	var slots []fieldSlot
	if len(idents) > 0 {
		slots = s.x.chains[&idents[0]]
	}
	for i, name := range idents {
		var slot *fieldSlot
		if i < len(slots) {
			slot = &slots[i]
		}
		receiver = s.field(receiver, name, slot)
	}
	return receiver
}

// field is text/template's evalField for a field or a method without
// arguments; slot, when not nil, is the name's in its chain.
func (s *execState) field(receiver reflect.Value, name string, slot *fieldSlot) reflect.Value {
	if !receiver.IsValid() {
		return reflect.Value{} // a missing map entry's field: missing too
	}
	receiver, isNil := execIndirect(receiver)
	if isNil {
		fallback() // nil pointer: text/template's error (or a method on nil)
	}
	key := typeKey{receiver.Type(), receiver.CanAddr()}
	var info fieldInfo
	if hit := slot.lastHit(); hit != nil && hit.key == key {
		info = hit.info
	} else {
		info = s.x.fieldInfo(key, name)
		if slot != nil {
			slot.last.Store(&fieldHit{key, info})
		}
	}
	switch {
	case info.method >= 0:
		ptr := receiver
		if key.addr && ptr.Kind() != reflect.Pointer {
			ptr = ptr.Addr()
		}
		if info.typed != nil {
			argv, mark := s.pushArgs(1)
			argv[0] = ptr
			v, err := info.typed(argv)
			s.popArgs(mark)
			if err != nil {
				fallback()
			}
			return v
		}
		return callResult(ptr.Method(info.method).Call(nil))
	case info.mapKey:
		return receiver.MapIndex(reflect.ValueOf(name))
	case info.invalid:
		fallback()
	}
	v, err := receiver.FieldByIndexErr(info.index)
	if err != nil {
		fallback()
	}
	return v
}

func (f *fieldSlot) lastHit() *fieldHit {
	if f == nil {
		return nil
	}
	return f.last.Load()
}

func lookupField(key typeKey, name string) fieldInfo {
	ptr := key.typ
	if key.addr && ptr.Kind() != reflect.Pointer {
		ptr = reflect.PointerTo(ptr)
	}
	if m, ok := ptr.MethodByName(name); ok {
		if m.Type.NumIn() != 1 || !goodResults(m.Type) { // the receiver only
			return fieldInfo{method: -1, invalid: true}
		}
		return fieldInfo{method: m.Index, typed: typedCall(m.Func.Interface())}
	}
	switch key.typ.Kind() {
	case reflect.Struct:
		if f, ok := key.typ.FieldByName(name); ok && f.IsExported() {
			return fieldInfo{method: -1, index: f.Index}
		}
	case reflect.Map:
		if key.typ.Key().Kind() == reflect.String && reflect.TypeFor[string]().AssignableTo(key.typ.Key()) {
			return fieldInfo{method: -1, mapKey: true}
		}
	}
	return fieldInfo{method: -1, invalid: true}
}

var errorType = reflect.TypeFor[error]()

// goodResults is text/template's rule for what a function returns: one
// value, or one and an error.
func goodResults(t reflect.Type) bool {
	return t.NumOut() == 1 || t.NumOut() == 2 && t.Out(1) == errorType
}

// callResult is a call's value; an error stops fastExec, for html/template
// to report it.
func callResult(out []reflect.Value) reflect.Value {
	if len(out) == 2 && !out[1].IsNil() || out[0].Type() == reflectValueType {
		fallback()
	}
	return out[0]
}

// call calls the function name with args (and final last, when hasFinal).
func (s *execState) call(dot reflect.Value, name string, args []parse.Node, final reflect.Value, hasFinal bool) reflect.Value {
	f, ok := s.x.funcs[name]
	if !ok {
		return s.builtin(dot, name, args, final, hasFinal)
	}
	n := len(args)
	if hasFinal {
		n++
	}
	if n == 1 {
		switch {
		case f.any1 != nil:
			return reflect.ValueOf(f.escapeValue(s.arg(dot, args, final, hasFinal, anyType)))
		case f.str1 != nil:
			return reflect.ValueOf(f.str1(s.arg(dot, args, final, hasFinal, stringType).String()))
		}
	}
	t := f.fn.Type()
	if !goodResults(t) || t.IsVariadic() && n < t.NumIn()-1 || !t.IsVariadic() && n != t.NumIn() {
		fallback()
	}
	argv, mark := s.pushArgs(n)
	defer s.popArgs(mark)
	for i := range n {
		pt := paramType(t, i)
		if i < len(args) {
			argv[i] = s.convert(s.argValue(dot, args[i], pt), pt)
		} else {
			argv[i] = s.convert(final, pt)
		}
	}
	if f.typed != nil {
		v, err := f.typed(argv)
		if err != nil {
			fallback()
		}
		return v
	}
	return callResult(f.fn.Call(argv))
}

var (
	anyType    = reflect.TypeFor[any]()
	stringType = reflect.TypeFor[string]()
)

func paramType(t reflect.Type, i int) reflect.Type {
	if t.IsVariadic() && i >= t.NumIn()-1 {
		return t.In(t.NumIn() - 1).Elem()
	}
	return t.In(i)
}

// arg is the one argument of a call of one argument, as type t.
func (s *execState) arg(dot reflect.Value, args []parse.Node, final reflect.Value, hasFinal bool, t reflect.Type) reflect.Value {
	if hasFinal {
		return s.convert(final, t)
	}
	return s.convert(s.argValue(dot, args[0], t), t)
}

// argValue is an argument's value: a constant as text/template types it
// for a parameter of type t, anything else evaluated.
func (s *execState) argValue(dot reflect.Value, n parse.Node, t reflect.Type) reflect.Value {
	switch c := n.(type) {
	case *parse.StringNode:
		if t.Kind() != reflect.String && t != anyType {
			fallback()
		}
		if v, ok := s.x.strs[c]; ok && (t == stringType || t == anyType) {
			return v
		}
		v := reflect.New(t).Elem()
		if t == anyType {
			return reflect.ValueOf(c.Text)
		}
		v.SetString(c.Text)
		return v
	case *parse.BoolNode:
		if t.Kind() != reflect.Bool && t != anyType {
			fallback()
		}
		if t == anyType {
			return reflect.ValueOf(c.True)
		}
		v := reflect.New(t).Elem()
		v.SetBool(c.True)
		return v
	case *parse.NumberNode:
		if !c.IsInt || !isDecimal(c.Text) {
			fallback()
		}
		switch {
		case t == anyType:
			return s.value(dot, n)
		case t.Kind() == reflect.Int:
			v := reflect.New(t).Elem()
			v.SetInt(c.Int64)
			return v
		}
		fallback()
	case *parse.NilNode, *parse.ChainNode:
		fallback()
	}
	return s.value(dot, n)
}

// convert is text/template's validateType, for the cases that need no
// more than a look inside an interface.
func (s *execState) convert(v reflect.Value, t reflect.Type) reflect.Value {
	if !v.IsValid() {
		switch t.Kind() {
		case reflect.Chan, reflect.Func, reflect.Interface, reflect.Map, reflect.Pointer, reflect.Slice:
			return reflect.Zero(t)
		}
		fallback()
	}
	if v.Type().AssignableTo(t) {
		return v
	}
	if v.Kind() == reflect.Interface && !v.IsNil() {
		if e := v.Elem(); e.Type().AssignableTo(t) {
			return e
		}
	}
	fallback()
	return v
}

// builtin is text/template's builtin function name, for those layouts
// use on every page; any other stops fastExec.
func (s *execState) builtin(dot reflect.Value, name string, args []parse.Node, final reflect.Value, hasFinal bool) reflect.Value {
	// vals are the arguments' values. The builtins but print and printf
	// take reflect.Value, for which text/template refuses a missing value.
	vals := func() []reflect.Value {
		out := make([]reflect.Value, 0, len(args)+1)
		for _, a := range args {
			out = append(out, s.argValue(dot, a, anyType))
		}
		if hasFinal {
			out = append(out, final)
		}
		if name != "print" && name != "printf" {
			for _, v := range out {
				if !v.IsValid() {
					fallback()
				}
			}
		}
		return out
	}
	switch name {
	case "and", "or":
		// Short-circuit: the first argument that decides, else the last.
		var v reflect.Value
		for _, a := range args {
			if v = s.argValue(dot, a, anyType); !v.IsValid() {
				fallback()
			}
			if execTruth(v) == (name == "or") {
				return v
			}
		}
		if hasFinal {
			v = final
		}
		if !v.IsValid() {
			fallback() // no arguments, or a missing final value
		}
		return v
	case "not":
		a := vals()
		if len(a) != 1 {
			fallback()
		}
		return reflect.ValueOf(!execTruth(a[0]))
	case "eq", "ne":
		a := vals()
		if len(a) < 2 || name == "ne" && len(a) != 2 {
			fallback()
		}
		eq := false
		for _, b := range a[1:] {
			eq = eq || equal(a[0], b)
		}
		return reflect.ValueOf(eq == (name == "eq"))
	case "lt", "le", "gt", "ge":
		a := vals()
		if len(a) != 2 {
			fallback()
		}
		c := compare(a[0], a[1])
		switch name {
		case "lt":
			return reflect.ValueOf(c < 0)
		case "le":
			return reflect.ValueOf(c <= 0)
		case "gt":
			return reflect.ValueOf(c > 0)
		}
		return reflect.ValueOf(c >= 0)
	case "len":
		a := vals()
		if len(a) != 1 {
			fallback()
		}
		v, isNil := execIndirect(a[0])
		switch v.Kind() {
		case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
			if !isNil {
				return reflect.ValueOf(v.Len())
			}
		}
	case "print", "printf":
		a := vals()
		out := make([]any, len(a))
		for i, v := range a {
			if !v.IsValid() {
				out[i] = nil
			} else {
				out[i] = v.Interface()
			}
		}
		if name == "print" {
			return reflect.ValueOf(fmt.Sprint(out...))
		}
		if len(out) == 0 {
			fallback()
		}
		format, ok := out[0].(string)
		if !ok || a[0].Type() != stringType {
			fallback()
		}
		return reflect.ValueOf(fmt.Sprintf(format, out[1:]...))
	}
	fallback()
	return reflect.Value{}
}

var reflectValueType = reflect.TypeFor[reflect.Value]()

func execTruth(v reflect.Value) bool {
	t, ok := isTrue(indirectInterface(v))
	if !ok {
		fallback()
	}
	return t
}

// equal is eq of two values both strings, both signed integers or both
// booleans; any other pair stops fastExec.
func equal(a, b reflect.Value) bool {
	a, b = indirectInterface(a), indirectInterface(b)
	switch {
	case isString(a) && isString(b):
		return a.String() == b.String()
	case isInt(a) && isInt(b):
		return a.Int() == b.Int()
	case a.IsValid() && b.IsValid() && a.Kind() == reflect.Bool && b.Kind() == reflect.Bool:
		return a.Bool() == b.Bool()
	}
	fallback()
	return false
}

// compare orders two strings or two signed integers.
func compare(a, b reflect.Value) int {
	a, b = indirectInterface(a), indirectInterface(b)
	switch {
	case isString(a) && isString(b):
		return strings.Compare(a.String(), b.String())
	case isInt(a) && isInt(b):
		switch x, y := a.Int(), b.Int(); {
		case x < y:
			return -1
		case x > y:
			return 1
		}
		return 0
	}
	fallback()
	return 0
}

func isString(v reflect.Value) bool { return v.IsValid() && v.Kind() == reflect.String }

func isInt(v reflect.Value) bool {
	if !v.IsValid() {
		return false
	}
	switch v.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return true
	}
	return false
}

// execIndirect, indirectInterface and isTrue are text/template's.
func execIndirect(v reflect.Value) (reflect.Value, bool) {
	for ; v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface; v = v.Elem() {
		if v.IsNil() {
			return v, true
		}
	}
	return v, false
}

func indirectInterface(v reflect.Value) reflect.Value {
	if v.Kind() != reflect.Interface {
		return v
	}
	if v.IsNil() {
		return reflect.Value{}
	}
	return v.Elem()
}

func isTrue(v reflect.Value) (truth, ok bool) {
	if !v.IsValid() {
		return false, true
	}
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		truth = v.Len() > 0
	case reflect.Bool:
		truth = v.Bool()
	case reflect.Complex64, reflect.Complex128:
		truth = v.Complex() != 0
	case reflect.Chan, reflect.Func, reflect.Pointer, reflect.UnsafePointer, reflect.Interface:
		truth = !v.IsNil()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		truth = v.Int() != 0
	case reflect.Float32, reflect.Float64:
		truth = v.Float() != 0
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		truth = v.Uint() != 0
	case reflect.Struct:
		truth = true
	default:
		return
	}
	return truth, true
}
