package index

import (
	"encoding/binary"
	"math/bits"
)

// postings is a postings list as Build gathers and keeps it: for each
// page, ascending, its difference from the page before (the first from
// 0) and its count, each a uvarint. Most postings take two bytes so,
// where a posting struct takes eight; the lists of a term are decoded
// (lists) only while its pages are ranked or written.
type postings struct {
	enc  []byte
	n    int32 // postings
	last int32 // the last page, for the next difference
}

// add appends a posting of page doc, above every page the list has.
func (l *postings) add(doc, tf int32) {
	putUvarint(&l.enc, uint64(doc-l.last))
	putUvarint(&l.enc, uint64(tf))
	l.last = doc
	l.n++
}

// len returns the number of postings.
func (l *postings) len() int { return int(l.n) }

// decode returns the postings, ascending.
func (l *postings) decode() []posting {
	if l.n == 0 {
		return nil
	}
	return l.appendTo(make([]posting, 0, l.n))
}

// appendTo appends the postings, ascending, to out.
func (l *postings) appendTo(out []posting) []posting {
	b := l.enc
	doc := int32(0)
	for range l.n {
		d, n := binary.Uvarint(b)
		tf, m := binary.Uvarint(b[n:])
		b = b[n+m:]
		doc += int32(d)
		out = append(out, posting{doc, int32(tf)})
	}
	return out
}

// postingsOf returns list (ascending) as postings, their bytes allocated
// at their size.
func postingsOf(list []posting) postings {
	size, last := 0, int32(0)
	for _, p := range list {
		size += uvarintLen(uint64(p.doc-last)) + uvarintLen(uint64(p.tf))
		last = p.doc
	}
	l := postings{enc: make([]byte, 0, size)}
	for _, p := range list {
		l.add(p.doc, p.tf)
	}
	return l
}

// uvarintLen returns the length of x as a uvarint.
func uvarintLen(x uint64) int { return (bits.Len64(x|1) + 6) / 7 }

// lists is a term's postings decoded, while its pages are ranked or its
// postings written.
type lists struct {
	post  [FieldExact][]posting // fields titel to delar
	exact [][]posting           // per form
}

// lists decodes t's postings.
func (t *term) lists() *lists {
	l := &lists{}
	t.decodeInto(l)
	return l
}

// decodeInto decodes t's postings into l, reusing its slices.
func (t *term) decodeInto(l *lists) {
	for f := range t.post {
		l.post[f] = t.post[f].appendTo(l.post[f][:0])
	}
	if n := len(t.exact); cap(l.exact) < n {
		l.exact = append(l.exact[:cap(l.exact)], make([][]posting, n-cap(l.exact))...)
	}
	l.exact = l.exact[:len(t.exact)]
	for i := range t.exact {
		l.exact[i] = t.exact[i].appendTo(l.exact[i][:0])
	}
}

// appendUvarints appends numbers as uvarints.
func appendUvarints(b []byte, n ...int) []byte {
	for _, x := range n {
		b = binary.AppendUvarint(b, uint64(x))
	}
	return b
}

// putUvarint appends x to *b as a uvarint, in place. Written as
// *b = append(*b, …), the compiler stores only the new length while the
// capacity lasts; b = binary.AppendUvarint(b, x) stores the whole slice
// header, pointer too, which costs a write barrier whenever the collector
// is marking: 6 s of the 18 s the index's serial merge took at 100,000
// pages, where the collector marks much of the time.
func putUvarint(b *[]byte, x uint64) {
	for x >= 0x80 {
		*b = append(*b, byte(x)|0x80)
		x >>= 7
	}
	*b = append(*b, byte(x))
}

// uvarints decodes n uvarints from b, into out (grown as needed).
func uvarints(b []byte, out []int32) []int32 {
	out = out[:0]
	for len(b) > 0 {
		x, n := binary.Uvarint(b)
		b = b[n:]
		out = append(out, int32(x))
	}
	return out
}
