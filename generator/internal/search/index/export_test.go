package index

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unsafe"
)

// TestAppendString: quotes, backslashes and control characters escaped
// wherever they stand, everything else as it is.
func TestAppendString(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", `""`},
		{"hemtjänst", `"hemtjänst"`},
		{`"`, `"\""`},
		{`a\b`, `"a\\b"`},
		{"rad\nrad", `"rad\nrad"`},
		{"\ttab\x01\x1f", `"\u0009tab\u0001\u001f"`},
		{`"citat" och \ i slutet\`, `"\"citat\" och \\ i slutet\\"`},
		{"å\u2028ö", "\"å\u2028ö\""},
	} {
		if got := string(appendString([]byte("x"), c.in)); got != "x"+c.want {
			t.Errorf("appendString(%q) = %s, want %s", c.in, got[1:], c.want)
		}
	}
}

// TestAppendStringEveryByte: every byte value, at every place of the
// eight-byte words plain8 tests and of the bytes after them, among ASCII
// letters and among the bytes of å (above 0x80, which a word test can
// mistake for small ones), is escaped as a byte-by-byte escaper does.
func TestAppendStringEveryByte(t *testing.T) {
	want := func(s string) string {
		var b strings.Builder
		b.WriteByte('"')
		for i := 0; i < len(s); i++ {
			switch c := s[i]; {
			case c == '"' || c == '\\':
				b.WriteByte('\\')
				b.WriteByte(c)
			case c == '\n':
				b.WriteString(`\n`)
			case c < 0x20:
				fmt.Fprintf(&b, `\u%04x`, c)
			default:
				b.WriteByte(c)
			}
		}
		b.WriteByte('"')
		return b.String()
	}
	for _, fill := range []string{"a", "å", "\x7f"} {
		base := []byte(strings.Repeat(fill, 20))[:20]
		for at := range len(base) {
			for c := range 256 {
				in := slices.Clone(base)
				in[at] = byte(c)
				if got := string(appendString(nil, string(in))); got != want(string(in)) {
					t.Fatalf("appendString(%q) = %s, want %s", in, got, want(string(in)))
				}
				plain := !strings.ContainsAny(string(in[:8]), "\"\\") && !slices.ContainsFunc(in[:8], func(b byte) bool { return b < 0x20 })
				if got := plainWords(string(in[:8])); got != 8 && plain || got != 0 && !plain {
					t.Fatalf("plainWords(%q) = %d, want %d", in[:8], got, map[bool]int{true: 8}[plain])
				}
			}
		}
	}
}

// TestEntryBound: appendTerm writes no more than lists.bound says, for
// page numbers of every length, so room makes a common stem's entry
// without growing it; and vlqLen is the length appendVLQ writes.
func TestEntryBound(t *testing.T) {
	for _, n := range []int{0, 1, 31, 32, 33, 1023, 1024, 1025, 32767, 32768, 100_000, 1 << 25} {
		if got, want := vlqLen(n), len(appendVLQ(nil, n)); got != want {
			t.Errorf("vlqLen(%d) = %d, appendVLQ writes %d", n, got, want)
		}
	}
	for _, docs := range []int{1, 40, 2000, 100_000} {
		ix := &Index{lens: make([][NumFields]int32, docs)}
		for f := range ix.qs {
			ix.qs[f] = make([][qTF]uint8, docs)
		}
		for f := range NumFields {
			for d := range ix.lens {
				ix.lens[d][f] = int32(10 + d%50)
			}
			ix.avg[f] = 30
		}
		l := &lists{exact: make([][]posting, 3)}
		fill := func(every, tf int) []posting {
			var list []posting
			for d := 0; d < docs; d += every {
				list = append(list, posting{doc: int32(d), tf: int32(tf)})
			}
			return list
		}
		// Every page (gaps of one digit), every 997th (longer gaps), and
		// counts beyond what qs holds.
		for f := range l.post {
			l.post[f] = fill(1+f*997%docs, 1+f*5)
		}
		l.exact[0], l.exact[1], l.exact[2] = fill(1, 1), fill(997, 9), nil
		l.post[FieldTitle] = append(l.post[FieldTitle][:0], posting{doc: int32(docs - 1), tf: 1}) // one gap as long as the pages
		got := len(ix.appendTerm(nil, l, nil, true, new([]posting)))
		if bound := l.bound(vlqLen(docs)); got > bound {
			t.Errorf("%d pages: appendTerm wrote %d bytes, bound says at most %d", docs, got, bound)
		}
	}
}

// TestRoom: a small entry keeps the room it has; a large one gets room
// for all of it, a power of two, which reset gives back for the next large
// entry that fits it.
func TestRoom(t *testing.T) {
	small := make([]byte, 5, 100)
	if r := room(small, 4*maxKept/5); len(r) != 0 || cap(r) != 100 {
		t.Errorf("room for a small entry: len %d cap %d, want the room it had, emptied", len(r), cap(r))
	}
	n := 3 * maxKept
	r := room(small, n)
	if len(r) != 0 || cap(r) < n || cap(r)&(cap(r)-1) != 0 {
		t.Fatalf("room for %d bytes: len %d cap %d, want a power of two at least %d", n, len(r), cap(r), n)
	}
	// The pool may drop what it is given (the race detector drops a
	// quarter on purpose, a collection all of it): one of twenty tries
	// must get the room back.
	for try := 0; ; try++ {
		e := termEntries{post: append(r, "x"...)}
		e.reset()
		if e.post != nil {
			t.Fatalf("reset kept a large room in its entries: cap %d", cap(e.post))
		}
		again := room(nil, cap(r)-maxKept) // fits the same power of two
		if unsafe.SliceData(again) == unsafe.SliceData(r) {
			break
		}
		if try == 20 {
			t.Fatal("a large room given back by reset was never taken again")
		}
		r = again
	}
}
