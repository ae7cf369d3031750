package index

import (
	"bytes"

	"kunskapsbanken/generator/internal/search/analysis"
	"slices"
	"sort"
)

// Word positions, for phrases and nearness (see the package
// documentation, "Phrases and nearness"). A page's words are numbered in
// one stream: the title, the summary, each subject (an area's label, a
// synonym, a tag…), each heading, then each line of the body, stop words
// counted, with NearWindow positions left empty before every block but
// the first, so that no phrase and no window of nearness spans two blocks.
// The index keeps every position of every stem, in two parts: the heads,
// the first NearPositions of the stem on each of its NearPages best pages,
// which nearness looks at and every query of two words or more loads; and
// the tails, everything else, which only phrases need. Bounding the heads
// by pages keeps what a query of two words loads from growing with the
// site: the pages nearness lifts are those that rank high for the words
// anyway.
const (
	NearWindow    = 8   // the words of a query stand near when a span of this many positions holds them all
	NearBoost     = 8   // the factor of the score of a page where they do: above the title's weight (6), so words standing together in the text outrank one of them in a title
	NearPositions = 4   // positions per page and stem that nearness looks at: the first ones
	NearPages     = 256 // pages per stem that nearness looks at: the best by the stem's own score
)

// positionCounter numbers the words of one page's stream.
type positionCounter struct {
	next  int32
	fresh bool // the next word begins a block
}

// block starts a block: the next word is NearWindow positions further on.
func (c *positionCounter) block() { c.fresh = true }

// take returns the next word's position.
func (c *positionCounter) take() int32 {
	if c.fresh && c.next > 0 {
		c.next += NearWindow
	}
	c.fresh = false
	c.next++
	return c.next - 1
}

// skip counts a stop word: it takes a position, which is not kept.
func (c *positionCounter) skip() { c.take() }

// stemIndex returns the page's number of w's stem, numbering it on first
// sight.
func (c *positionCounter) stemIndex(sc *scratch, w *analysis.Word) int32 {
	at := slot(&sc.stemAt, w.StemID)
	if *at == 0 {
		i := int32(len(sc.listStems))
		*at = i + 1
		sc.listStems = append(sc.listStems, w.Stem)
		sc.listIDs = append(sc.listIDs, w.StemID)
		if int(i) == len(sc.lists) {
			sc.lists = append(sc.lists, nil)
			sc.count = append(sc.count, 0)
			sc.first = append(sc.first, 0)
		}
		sc.lists[i] = sc.lists[i][:0]
		sc.first[i] = -1
	}
	return *at - 1
}

// addAt counts a word of the stem numbered i, keeping its position.
func (c *positionCounter) addAt(sc *scratch, i int32) {
	sc.lists[i] = append(sc.lists[i], c.take())
}

// stemPositions is one page's positions of one stem, encoded
// (appendPositions): its head is the first NearPositions (pageEnd).
type stemPositions struct {
	id  int32 // the analyzer's number of the stem
	enc []byte
}

// encode appends the page's positions per stem, encoded, to out, their
// bytes to buf, and forgets the page's stems.
func (c *positionCounter) encode(sc *scratch, out []stemPositions, buf []byte) ([]stemPositions, []byte) {
	buf = slices.Grow(buf, 2*int(c.next))
	for i := range sc.listStems {
		l := sc.lists[i]
		start := len(buf)
		buf = appendPositions(buf, l)
		out = append(out, stemPositions{sc.listIDs[i], buf[start:len(buf):len(buf)]})
		sc.stemAt[sc.listIDs[i]] = 0
	}
	sc.listStems, sc.listIDs = sc.listStems[:0], sc.listIDs[:0]
	return out, buf
}

// splitPositions writes t's heads and tails (the package documentation,
// "The browser index") from its positions page by page, the heads of the
// pages marked in heads (one per stream page), and drops the positions.
// named: name the pages with a head even when all have one (the term's
// postings are split, so the browser cannot tell its pages from them).
// A page's positions and its head end where pageEnd finds them, so the
// heads and tails are measured first and made at their size: they are
// held until the index is written (15 MB at 10,000 pages), and append's
// spare room added a sixth. The measuring keeps where each page's head
// and positions end in *bounds (a worker's, reused), so that pageEnd
// reads each page's positions once. With tailBuf, the tail is made in
// *tailBuf's array (a worker's, for a tail that waits in the spool).
func (t *term) splitPositions(pages []int32, heads []bool, named bool, bounds *[]int32, tailBuf *[]byte) {
	var names []byte
	n := 0
	for _, h := range heads {
		if h {
			n++
		}
	}
	if n < len(pages) || named { // name the pages with a head
		prev := int32(0)
		for i, d := range pages {
			if heads[i] {
				names = appendVLQ(names, int(d-prev))
				prev = d
			}
		}
		names = append(names, ' ')
	}
	nhead, ntail := len(names), 0
	ends := grown(bounds, 2*len(pages)) // per page, its head's end and its end
	for i, start := 0, 0; i < len(pages); i++ {
		cut, end := pageEnd(t.pos[start:])
		ends[2*i], ends[2*i+1] = int32(cut), int32(end)
		if heads[i] {
			nhead += cut
			ntail += end - cut
		} else {
			ntail += end
		}
		start += end
	}
	var head, tail []byte
	if nhead > 0 {
		head = append(make([]byte, 0, nhead), names...)
	}
	if tailBuf != nil {
		tail = slices.Grow((*tailBuf)[:0], ntail)
	} else if ntail > 0 {
		tail = make([]byte, 0, ntail)
	}
	for i, pos := 0, t.pos; i < len(pages); i++ {
		cut, end := ends[2*i], ends[2*i+1]
		if heads[i] {
			head = append(head, pos[:cut]...)
			tail = append(tail, pos[cut:end]...)
		} else {
			tail = append(tail, pos[:end]...)
		}
		pos = pos[end:]
	}
	t.head, t.tail = head, tail
	t.pos = nil
	if tailBuf != nil {
		*tailBuf = tail[:0]
	}
}

// pageEnd returns where the first page's positions in pos (encoded by
// appendPositions) end, and where its head, its first NearPositions, ends:
// each position is one base-64 VLQ number, whose last digit is below 32,
// and whose first digit's lowest bit tells whether another position of the
// page follows.
func pageEnd(pos []byte) (head, end int) {
	head = -1
	for k, i := 1, 0; ; k++ {
		more := vlqValue[pos[i]]&1 == 1
		for vlqValue[pos[i]]&32 != 0 {
			i++
		}
		i++
		if head < 0 && (k == NearPositions || !more) {
			head = i
		}
		if !more {
			return head, i
		}
	}
}

// appendPositions writes one page's list of a stem's positions
// (ascending): each as its difference from the one before (the first
// from 0), the number n written as the base-64 VLQ of 2n + 1 when another
// position of the page follows, 2n for the page's last.
func appendPositions(b []byte, list []int32) []byte {
	for i := range list {
		prev := int32(0)
		if i > 0 {
			prev = list[i-1]
		}
		more := 0
		if i < len(list)-1 {
			more = 1
		}
		b = appendVLQ(b, int(list[i]-prev)<<1|more)
	}
	return b
}

// allPages returns the pages with the term in any of the fields titel to
// delar, ascending.
func (l *lists) allPages() []int32 {
	var out, tmp []int32
	return l.pagesThrough(FieldParts, &out, &tmp)
}

// streamPages returns the pages whose positions the term holds: those
// with it in any of the fields titel to text, ascending.
func (l *lists) streamPages() []int32 {
	var out, tmp []int32
	return l.pagesThrough(FieldText, &out, &tmp)
}

// pagesThrough returns the pages with the term in any of the fields titel
// to last, ascending, in *out (tmp: its second buffer; the two may trade
// arrays).
func (l *lists) pagesThrough(last int, out, tmp *[]int32) []int32 {
	*out = (*out)[:0]
	for f := FieldTitle; f <= last; f++ {
		if len(l.post[f]) == 0 {
			continue
		}
		unionInto(tmp, *out, l.post[f])
		*out, *tmp = *tmp, *out
	}
	return *out
}

// unionInto sets *out to the pages of a or of list (both ascending),
// ascending, once each, and returns it. *out must not share a's array.
func unionInto(out *[]int32, a []int32, list []posting) []int32 {
	u := slices.Grow((*out)[:0], len(a)+len(list))
	i := 0
	for _, p := range list {
		for i < len(a) && a[i] < p.doc {
			u = append(u, a[i])
			i++
		}
		if i < len(a) && a[i] == p.doc {
			i++
		}
		u = append(u, p.doc)
	}
	u = append(u, a[i:]...)
	*out = u
	return u
}

// positions decodes t's positions by page: with all, every position of
// every page; without, the heads only (the first NearPositions of the
// pages with a head). Exactly what the browser engine reads, so that both
// engines decide alike.
func (t *term) positions(all bool) map[int32][]int32 {
	out := map[int32][]int32{}
	head, tail := t.head, t.tail
	next := func(b *[]byte) (delta int32, more bool) {
		n := 0
		for shift := 0; ; shift += 5 {
			c := vlqValue[(*b)[0]]
			*b = (*b)[1:]
			n |= int(c&31) << shift
			if c&32 == 0 {
				break
			}
		}
		return int32(n >> 1), n&1 == 1
	}
	pages := t.lists().streamPages()
	withHead := pages
	if sp := bytes.IndexByte(head, ' '); sp >= 0 { // the pages with a head
		list := head[:sp]
		head = head[sp+1:]
		withHead = nil
		at := int32(0)
		for len(list) > 0 {
			n := 0
			for shift := 0; ; shift += 5 {
				c := vlqValue[list[0]]
				list = list[1:]
				n |= int(c&31) << shift
				if c&32 == 0 {
					break
				}
			}
			at += int32(n)
			withHead = append(withHead, at)
		}
	}
	for _, d := range pages {
		var list []int32
		at, more := int32(0), true
		if len(withHead) > 0 && withHead[0] == d {
			withHead = withHead[1:]
			for more && len(list) < NearPositions {
				var delta int32
				delta, more = next(&head)
				at += delta
				list = append(list, at)
			}
		} else if !all {
			continue
		}
		for all && more { // the page's tail
			var delta int32
			delta, more = next(&tail)
			at += delta
			list = append(list, at)
		}
		out[d] = list
	}
	return out
}

var vlqValue = func() (v [256]byte) {
	for i := range vlqDigits {
		v[vlqDigits[i]] = byte(i)
	}
	return v
}()

// Proximity is what the word positions say about the pages a query
// found: whether a page holds each of the query's phrases, and whether
// all its words stand near each other there.
type Proximity struct {
	words   []map[int32][]int32 // per query word, its candidates' heads by page, merged
	all     []map[int32][]int32 // the same, all of them, for the words of phrases
	phrases [][]int             // indexes into words
	offsets [][]int             // per phrase word, its distance from the phrase's first word in the query
}

// Proximity returns the query's Proximity, or nil for a query of fewer
// than two words (or of stop words), on which positions have no bearing.
func (ix *Index) Proximity(q Query) *Proximity {
	if q.Stop || len(q.Words) < 2 {
		return nil
	}
	inPhrase := map[int]bool{}
	for _, ph := range q.Phrases {
		for _, i := range ph {
			inPhrase[i] = true
		}
	}
	merged := func(w Word, all bool) map[int32][]int32 {
		byPage := map[int32][]int32{}
		for _, c := range w.Candidates {
			t := ix.byStem[c.Stem]
			ix.loadTail(t)
			for d, l := range t.positions(all) {
				byPage[d] = append(byPage[d], l...)
			}
		}
		if len(w.Candidates) > 1 {
			for _, l := range byPage {
				slices.Sort(l)
			}
		}
		return byPage
	}
	p := &Proximity{all: make([]map[int32][]int32, len(q.Words))}
	for i, w := range q.Words {
		p.words = append(p.words, merged(w, false))
		if inPhrase[i] {
			p.all[i] = merged(w, true)
		}
	}
	for _, ph := range q.Phrases {
		off := make([]int, len(ph))
		for k, i := range ph {
			off[k] = q.Words[i].Pos - q.Words[ph[0]].Pos
		}
		p.phrases = append(p.phrases, ph)
		p.offsets = append(p.offsets, off)
	}
	return p
}

// Page returns whether page doc holds every phrase of the query, and the
// factor of its score: NearBoost when one span of NearWindow positions
// holds a position of every word, 1 otherwise.
func (p *Proximity) Page(doc int) (ok bool, factor float64) {
	d := int32(doc)
	for k, ph := range p.phrases {
		if !hasPhrase(p.all, ph, p.offsets[k], d) {
			return false, 1
		}
	}
	lists := make([][]int32, len(p.words))
	for i, w := range p.words {
		lists[i] = w[d]
	}
	if Near(lists, NearWindow) {
		return true, NearBoost
	}
	return true, 1
}

// hasPhrase reports whether page d has the words of a phrase at their
// offsets from a position of its first word.
func hasPhrase(words []map[int32][]int32, ph, off []int, d int32) bool {
	first := words[ph[0]][d]
next:
	for _, at := range first {
		for k := 1; k < len(ph); k++ {
			l := words[ph[k]][d]
			want := at + int32(off[k])
			i := sort.Search(len(l), func(i int) bool { return l[i] >= want })
			if i == len(l) || l[i] != want {
				continue next
			}
		}
		return true
	}
	return false
}

// Near reports whether one span of window positions holds a position of
// every list (each ascending): the smallest span holding one of each,
// found by sliding over all positions in order, is below window.
func Near(lists [][]int32, window int) bool {
	type at struct {
		pos  int32
		word int
	}
	var all []at
	for w, l := range lists {
		if len(l) == 0 {
			return false
		}
		for _, p := range l {
			all = append(all, at{p, w})
		}
	}
	sort.Slice(all, func(i, j int) bool { return all[i].pos < all[j].pos })
	count := make([]int, len(lists))
	have, lo := 0, 0
	for _, x := range all {
		if count[x.word] == 0 {
			have++
		}
		count[x.word]++
		for have == len(lists) {
			if x.pos-all[lo].pos < int32(window) {
				return true
			}
			count[all[lo].word]--
			if count[all[lo].word] == 0 {
				have--
			}
			lo++
		}
	}
	return false
}
