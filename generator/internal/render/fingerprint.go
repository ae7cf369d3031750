package render

import (
	"encoding/binary"
	"hash/maphash"
	"math"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"kunskapsbanken/generator/internal/par"
)

// Fingerprints returns, for each output page, a hash of everything its
// layout can read, so the preview server renders again only the pages
// whose hash changed. Two pages of one theme with equal fingerprints
// render to the same bytes.
//
// What a layout can read is found, not listed: the parse trees of
// base.html, the partials and the layout are walked from dot, following
// fields and methods (.Page.Meta.Title), with and range (dot and $x
// become what they name, range's dot each element), template calls (dot
// becomes the argument) and dict (its values by key), and marking each
// place in the data by how the layout uses it: shown, compared or passed
// to a function (all of its value counts), tested by if, with, and, or,
// not (whether it is empty), or counted by range and len (its length).
// The fingerprint hashes exactly those values of the page's Data, through
// reflect, calling the methods a layout calls. So a layout that shows
// something new is covered without a change here.
//
// Two things the parse trees cannot say are declared by hand, beside the
// functions they concern (reads.go):
//   - funcReads: what a template function that takes the site's data
//     (body, toc, jsonLD, figures, homeMap …) reads of it. A function
//     not listed there or in valueFuncs fails TestFuncsDeclareReads.
//   - the settings (Site.Config), which functions such as url read
//     without being given them, are hashed for every page.
//
// The theme itself (its layouts, texts and assets) is not hashed: a
// fingerprint compares pages of one theme.
func (t *Theme) Fingerprints(seed maphash.Seed, jobs []*Data) []uint64 {
	t.readsOnce.Do(func() {
		t.reads = map[string]*reads{}
		for name, l := range t.layouts {
			t.reads[name] = layoutReads(l).freeze("")
		}
	})
	out := make([]uint64, len(jobs))
	m := &memo{sums: map[memoKey]memoSum{}}
	par.For(len(jobs), func(i int) {
		h := newHasher(seed)
		h.memo = m
		d := jobs[i]
		h.str(d.Layout)
		if r := t.reads[d.Layout]; r != nil {
			h.walk(reflect.ValueOf(d), r)
		}
		out[i] = h.sum()
	})
	return out
}

// LayoutReads lists what a layout of the theme reads of its Data, one path
// a line, as Fingerprints hashes it: "Page.Meta.Title" (the value),
// "Page.Municipality?" (whether it is empty), "Site.Areas#len" (its
// length), "Site.Areas[]" (each element), "[:6]" (the first six).
func (t *Theme) LayoutReads(layout string) []string {
	if t.layouts[layout] == nil {
		return nil
	}
	return layoutReads(t.layouts[layout]).paths()
}

// hasher collects the bytes of one hash, hashed at once by Sum64 (faster
// than maphash.Hash's streaming for many short writes).
type hasher struct {
	buf  []byte
	seed maphash.Seed
	seen map[uintptr]int // pointers hashed whole, against cycles
	memo *memo           // nil in whole and in keyText
}

func newHasher(seed maphash.Seed) *hasher {
	h := hashers.Get().(*hasher)
	h.buf, h.seed, h.seen, h.memo = h.buf[:0], seed, nil, nil
	return h
}

var hashers = sync.Pool{New: func() any { return &hasher{buf: make([]byte, 0, 1024)} }}

// sum is the hash of what was written; the hasher is done with.
func (h *hasher) sum() uint64 {
	sum := maphash.Bytes(h.seed, h.buf)
	hashers.Put(h)
	return sum
}

func (h *hasher) put(b byte) { h.buf = append(h.buf, b) }

// memo keeps, during one Fingerprints, what was read below a pointer: a
// page is shown on many lists, the site on every page, and each is walked
// once per layout.
type memo struct {
	mu   sync.Mutex
	sums map[memoKey]memoSum
}

type memoKey struct {
	r *reads
	p uintptr
}

type memoSum struct {
	t   reflect.Type
	sum uint64
}

// sum is the hash of walking r over v, a non-nil pointer.
func (m *memo) sum(v reflect.Value, r *reads, seed maphash.Seed) uint64 {
	k := memoKey{r, v.Pointer()}
	m.mu.Lock()
	s, ok := m.sums[k]
	m.mu.Unlock()
	if ok && s.t == v.Type() {
		return s.sum
	}
	h := newHasher(seed)
	h.memo = m
	h.walkHere(v, r)
	sum := h.sum()
	if !ok { // another type at the same address (a struct and its first field) is not kept
		m.mu.Lock()
		m.sums[k] = memoSum{v.Type(), sum}
		m.mu.Unlock()
	}
	return sum
}

// str writes a string; a long one (a page's HTML) by its own hash, which
// maphash computes without copying it through its buffer.
func (h *hasher) str(s string) {
	if len(s) > 256 {
		h.put(1)
		h.u64(maphash.String(h.seed, s))
		return
	}
	h.buf = append(h.buf, 0)
	h.buf = append(h.buf, s...)
	h.buf = append(h.buf, 0)
}

func (h *hasher) u64(v uint64) { h.buf = binary.LittleEndian.AppendUint64(h.buf, v) }

// walk hashes what r says is read of v. The layout fixes the order of
// what is written, and every value's encoding is self-delimiting, so the
// names of the fields need not be written.
//
// What is read of the site and of an element of a list of pointers (a
// page's card) is hashed on its own and memoised: the site is walked once
// per layout, a card once however many lists show it.
func (h *hasher) walk(v reflect.Value, r *reads) {
	for v.Kind() == reflect.Interface && !v.IsNil() {
		v = v.Elem()
	}
	if r.shared && v.Kind() == reflect.Pointer && !v.IsNil() {
		h.put(3)
		h.u64(h.memo.sum(v, r, h.seed))
		return
	}
	h.walkHere(v, r)
}

func (h *hasher) walkHere(v reflect.Value, r *reads) {
	v = indirect(v)
	if r.truth {
		h.bool(truth(v))
	}
	if !v.IsValid() {
		h.put(0) // nil: nothing below it is read
		return
	}
	h.put(1)
	if r.value {
		h.whole(v)
	}
	if r.len || r.elem != nil {
		h.u64(uint64(length(v)))
	}
	for _, c := range r.order {
		next, whole := c.from(v)
		if whole {
			h.whole(next)
		} else {
			h.walk(next, c)
		}
	}
	if r.elem != nil {
		switch v.Kind() {
		case reflect.Slice, reflect.Array:
			for i := range v.Len() {
				h.walk(v.Index(i), r.elem)
			}
		case reflect.Map:
			for _, k := range sortedKeys(v) {
				h.walk(v.MapIndex(k), r.elem)
			}
		}
	}
}

// access is how a step finds .name in values of one type.
type access struct {
	key      accessKey
	method   int   // the method's index, or -1
	field    []int // the field's index, when not a method
	prefix   int   // [:n]: n, or -1
	mapKey   bool
	receiver bool // a method of a plain value (Status.Label, Date.IsZero): hash the receiver instead of calling it
}

type accessKey struct {
	t    reflect.Type
	addr bool // the value is addressable: pointer methods count
}

// from is .name of v as text/template finds it, r being the reads below
// .name: a method (called when it takes no arguments), a struct field, a
// map key; or [:n], the first n elements. The invalid Value when there is
// none. whole says to hash the value returned whole instead of walking r
// over it: the receiver of a method whose result is a function of it
// alone, cheaper than the call.
func (r *reads) from(v reflect.Value) (_ reflect.Value, whole bool) {
	key := accessKey{v.Type(), v.CanAddr()}
	acc := r.last.Load()
	if acc == nil || acc.key != key {
		if a, ok := r.access.Load(key); ok {
			acc = a.(*access)
		} else {
			acc = resolve(key, r)
			r.access.Store(key, acc)
		}
		r.last.Store(acc)
	}
	switch {
	case acc.receiver:
		return v, true
	case acc.prefix >= 0:
		if v.Kind() == reflect.Slice || v.Kind() == reflect.Array {
			return v.Slice(0, min(acc.prefix, v.Len())), false
		}
	case acc.method >= 0:
		recv := v
		if key.addr {
			recv = v.Addr()
		}
		m := recv.Method(acc.method)
		if m.Type().NumIn() == 0 && m.Type().NumOut() >= 1 {
			return m.Call(nil)[0], false
		}
		return v, true // called with arguments: its result depends on all of the receiver
	case acc.field != nil:
		f, err := v.FieldByIndexErr(acc.field)
		if err == nil {
			return f, false
		}
	case acc.mapKey:
		return v.MapIndex(reflect.ValueOf(r.name).Convert(v.Type().Key())), false
	}
	return reflect.Value{}, false
}

func resolve(key accessKey, r *reads) *access {
	name := r.name
	a := &access{key: key, method: -1, prefix: -1}
	if n, ok := strings.CutPrefix(name, "[:"); ok {
		a.prefix, _ = strconv.Atoi(strings.TrimSuffix(n, "]"))
		return a
	}
	t := key.t
	if key.addr {
		t = reflect.PointerTo(t)
	}
	if m, ok := t.MethodByName(name); ok {
		a.method = m.Index
		a.receiver = len(r.order) == 0 && r.elem == nil && plain(key.t)
		return a
	}
	switch key.t.Kind() {
	case reflect.Struct:
		if f, ok := key.t.FieldByName(name); ok && f.IsExported() {
			a.field = f.Index
		}
	case reflect.Map:
		a.mapKey = key.t.Key().Kind() == reflect.String
	}
	return a
}

// plain reports whether a value of type t holds no pointer but a
// time.Time's location: hashing it whole is cheap and complete.
func plain(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64, reflect.String:
		return true
	case reflect.Struct:
		if t == timeType {
			return true
		}
		for i := range t.NumField() {
			if !plain(t.Field(i).Type) {
				return false
			}
		}
		return true
	}
	return false
}

// indirect follows pointers and interfaces; nil gives the invalid Value.
func indirect(v reflect.Value) reflect.Value {
	for v.IsValid() && (v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface) {
		if v.IsNil() {
			return reflect.Value{}
		}
		v = v.Elem()
	}
	return v
}

// truth is text/template's: false for nil, zero numbers, false and empty
// strings, slices and maps.
func truth(v reflect.Value) bool {
	if !v.IsValid() {
		return false
	}
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() > 0
	case reflect.Bool:
		return v.Bool()
	case reflect.Complex64, reflect.Complex128:
		return v.Complex() != 0
	case reflect.Chan, reflect.Func:
		return !v.IsNil()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int() != 0
	case reflect.Float32, reflect.Float64:
		return v.Float() != 0
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return v.Uint() != 0
	}
	return true
}

func length(v reflect.Value) int {
	switch v.Kind() {
	case reflect.Array, reflect.Chan, reflect.Map, reflect.Slice, reflect.String:
		return v.Len()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return int(v.Int()) // range over an integer
	}
	return 0
}

func (h *hasher) bool(b bool) {
	if b {
		h.put(1)
	} else {
		h.put(0)
	}
}

var timeType = reflect.TypeFor[time.Time]()

// whole hashes all of v, following pointers (each once).
func (h *hasher) whole(v reflect.Value) {
	switch v.Kind() {
	case reflect.Invalid:
		h.put(0)
	case reflect.Bool:
		h.bool(v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		h.u64(uint64(v.Int()))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		h.u64(v.Uint())
	case reflect.Float32, reflect.Float64:
		h.u64(math.Float64bits(v.Float()))
	case reflect.String:
		h.str(v.String())
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Uint8 {
			h.u64(uint64(v.Len()))
			h.u64(maphash.Bytes(h.seed, v.Bytes()))
			return
		}
		h.u64(uint64(v.Len()))
		for i := range v.Len() {
			h.whole(v.Index(i))
		}
	case reflect.Map:
		h.u64(uint64(v.Len()))
		for _, k := range sortedKeys(v) {
			h.whole(k)
			h.whole(v.MapIndex(k))
		}
	case reflect.Struct:
		if v.Type() == timeType && v.CanInterface() {
			t := v.Interface().(time.Time)
			h.u64(uint64(t.UnixNano()))
			h.str(t.Location().String())
			return
		}
		for i := range v.NumField() {
			h.whole(v.Field(i))
		}
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			h.put(0)
			return
		}
		if v.Kind() == reflect.Pointer {
			if h.seen == nil {
				h.seen = map[uintptr]int{}
			}
			if n, ok := h.seen[v.Pointer()]; ok {
				h.put(2)
				h.u64(uint64(n)) // seen before: which one
				return
			}
			h.seen[v.Pointer()] = len(h.seen)
		}
		h.put(1)
		h.whole(v.Elem())
	default: // functions and channels: their identity, which a template cannot show
		h.put(byte(v.Kind()))
	}
}

// sortedKeys orders a map's keys by their text, for a hash independent of
// the map's order.
func sortedKeys(v reflect.Value) []reflect.Value {
	keys := v.MapKeys()
	text := make([]string, len(keys))
	for i, k := range keys {
		text[i] = keyText(k)
	}
	sort.Sort(byText{keys, text})
	return keys
}

func keyText(k reflect.Value) string {
	switch k.Kind() {
	case reflect.String:
		return k.String()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.FormatInt(k.Int(), 10)
	}
	h := newHasher(keySeed)
	h.whole(k)
	return strconv.FormatUint(h.sum(), 16)
}

// keySeed orders map keys that are not strings or integers (none yet) the
// same way in every hash.
var keySeed = maphash.MakeSeed()

type byText struct {
	keys []reflect.Value
	text []string
}

func (b byText) Len() int           { return len(b.keys) }
func (b byText) Less(i, j int) bool { return b.text[i] < b.text[j] }
func (b byText) Swap(i, j int) {
	b.keys[i], b.keys[j] = b.keys[j], b.keys[i]
	b.text[i], b.text[j] = b.text[j], b.text[i]
}
