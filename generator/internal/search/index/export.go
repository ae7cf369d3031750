package index

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/bits"
	"sort"
	"strconv"
	"sync"
	"unicode/utf8"

	"kunskapsbanken/generator/internal/par"
	"kunskapsbanken/generator/internal/spelling"
)

// Version is the browser index format's version, in the manifest.
const Version = 5

// Sizes of the browser index's files.
const (
	ChunkPages     = 16        // pages per page chunk
	postingsBytes  = 32 * 1024 // a postings or excerpt file holds at most this much, or one stem
	restBytes      = 64 * 1024 // a file of the rests of postings (r<n>) holds at most this much, or one stem
	positionsBytes = 2 * 1024  // a positions file n<k> holds at most this much, or one stem
	membersBytes   = 16 * 1024 // a file of the pages common stems lack (m<n>) holds at most this much, or one stem
)

// ManifestPath is where the manifest is published, relative to the site
// root; the other files of the index are in ShardDir.
const (
	ManifestPath = "sok/manifest.json"
	ShardDir     = "assets/sok/"
)

// File is one file of the browser index.
type File struct {
	Path string // relative to the site root
	Data []byte
}

// Export returns the browser index in memory: the manifest first, then
// the other files, which live in one folder named by a hash of all of them
// (so hosts may cache them forever, and a query never mixes two builds'
// files). The preview and the tests use it; kb build streams (ExportTo).
func (ix *Index) Export() []File {
	files, _ := ix.ExportContext(context.Background())
	return files
}

// ExportContext is Export, given up when ctx is done: it then returns nil
// and ctx's error. The preview exports in the background and stops it
// for each update, with which it would otherwise share the cores for a
// second at 10,000 pages. It stops within a stem's work.
func (ix *Index) ExportContext(ctx context.Context) ([]File, error) {
	var files []File
	dir, manifest, err := ix.export(ctx, func(name string, data []byte) error {
		files = append(files, File{name, data})
		return nil
	}, false)
	if err != nil {
		return nil, err
	}
	for i := range files {
		files[i].Path = ShardDir + dir + "/" + files[i].Path + ".json"
	}
	return append([]File{{ManifestPath, manifest}}, files...), nil
}

// ExportTo makes the browser index's files one at a time and gives each
// to put as soon as it is made, by its name in the index folder without
// ".json" (p0, o-a, f); put keeps a copy (kb build in its spool), since
// the folder's name, a hash of every file made while they are put, is
// known only at the end. data is put's only until put returns: the next
// file of its kind is made in the same memory. ExportTo returns the
// folder's name and the manifest, which names it (to be published at
// ManifestPath, each file at ShardDir/dir/name.json), or put's first
// error, after which it puts nothing more.
//
// ExportTo spends the Index: each stem's postings, positions and excerpts
// are dropped once they are written, so that the heap shrinks as the
// files are made (at 100,000 pages the index is most of the build's heap,
// and the collector works hardest while it is largest). The Index can be
// neither queried nor exported again.
func (ix *Index) ExportTo(put func(name string, data []byte) error) (dir string, manifest []byte, err error) {
	return ix.export(context.Background(), put, true)
}

// export is ExportTo, spending the Index only when spend, and given up
// when ctx is done: nothing more is put, and no stem's entries are made.
func (ix *Index) export(ctx context.Context, put func(name string, data []byte) error, spend bool) (dir string, manifest []byte, err error) {
	h := sha256.New()
	add := func(name string, data []byte) {
		if err != nil {
			return
		}
		if err = ctx.Err(); err != nil {
			return
		}
		if err = ix.failed(); err != nil { // a spooled index's positions could not be read back
			return
		}
		h.Write([]byte(name))
		h.Write([]byte{0})
		h.Write(data)
		err = put(name, data)
	}

	// Postings and excerpts, in folded order, each packed into files of
	// at most postingsBytes (or one stem): p<n> holds the postings of a
	// run of stems, x<n> the excerpts of a run (excerpts are fewer and
	// fetched less), w<n> the tails of the positions of the stems of p<n>
	// (only phrases load them, after their postings).
	postFile := make(map[*term]int, len(ix.terms))
	excFile := make(map[*term]int, len(ix.terms))
	tailFile := make(map[*term]int, len(ix.terms))
	// ExportTo's put copies each file (spend), so a packer makes its next
	// file in the memory of the one before; Export keeps them all.
	post := packer{prefix: "p", full: postingsBytes, write: add, reuse: spend}
	tail := packer{prefix: "w", full: postingsBytes, write: add, reuse: spend}
	exc := packer{prefix: "x", full: postingsBytes, write: add, reuse: spend}
	rest := packer{prefix: "r", full: restBytes, write: add, reuse: spend}
	// m<n>: the pages a stem on more than half of them lacks, for a first
	// query of two words or more (see Split postings).
	members := packer{prefix: "m", full: membersBytes, write: add, reuse: spend}
	// Each stem's entries are made on every core, and packed in order
	// while the next batch is made: packing and hashing are serial.
	const batch = 256
	made := make([]termEntries, 2*batch)
	par.Ordered(len(ix.terms), batch, func(i, slot int) {
		if ctx.Err() == nil {
			ix.termEntries(ix.terms[i], &made[slot])
		}
	}, func(i, slot int) {
		t, e := ix.terms[i], &made[slot]
		if ctx.Err() != nil { // a slot skipped by termEntries holds another stem's entries
			e.reset()
			return
		}
		restFile := -1
		if len(e.rest) > 0 {
			restFile = rest.put(e.rest, len(e.rest))
		}
		member := -1
		if len(e.lacks) > 0 {
			member = members.put(e.lacks, len(e.lacks))
		}
		entry := e.post
		if t.firstPart != nil {
			entry = entry[:len(entry)-1] // the closing bracket
			entry = ix.appendRest(entry, t, restFile, member)
		}
		e.post = entry
		postFile[t] = post.put(entry, len(entry))
		tailFile[t] = -1
		if len(e.tail) > 0 {
			tailFile[t] = tail.put(e.tail, t.tailSize())
		}
		excFile[t] = -1
		if len(e.top) > 0 {
			excFile[t] = exc.put(e.top, len(e.top))
		}
		e.reset()
		if spend {
			t.spend()
		}
	})
	if err := ctx.Err(); err != nil {
		return "", nil, err
	}
	if err := ix.failed(); err != nil {
		return "", nil, err
	}
	post.flush()
	tail.flush()
	exc.flush()
	rest.flush()
	members.flush()

	// The heads of the word positions, which every query of two words or
	// more loads: n<k>, files of their own, smaller than the postings:
	// positionsBytes of heads, or one stem.
	posFile := make(map[*term]int, len(ix.terms))
	heads := packer{prefix: "n", full: positionsBytes + 1, write: add, reuse: spend} // a file may hold positionsBytes
	for _, t := range ix.terms {
		posFile[t] = -1
		if len(t.head) > 0 {
			posFile[t] = heads.put(positionsEntry(nil, t.stem, t.head), len(t.head))
			if spend {
				t.head = nil
			}
		}
	}
	heads.flush()

	// The stop words' postings (FieldStop), e-<a>, for a query of stop
	// words only, by the folded word's first letter.
	stops := make([]string, 0, len(ix.stops))
	for w := range ix.stops {
		stops = append(stops, w)
	}
	sort.Slice(stops, func(i, j int) bool {
		a, b := spelling.Fold(stops[i]), spelling.Fold(stops[j])
		return a < b || a == b && stops[i] < stops[j]
	})
	var stopKeys []string
	for i := 0; i < len(stops); {
		k := shardKey(spelling.Fold(stops[i]))
		e := []byte{'{'}
		for ; i < len(stops) && shardKey(spelling.Fold(stops[i])) == k; i++ {
			if len(e) > 1 {
				e = append(e, ',')
			}
			e = appendString(e, stops[i])
			e = append(e, ':')
			e = ix.appendPostings(e, FieldStop, ix.stops[stops[i]].decode())
		}
		stopKeys = append(stopKeys, k)
		add("e-"+k, append(e, '}'))
	}

	// Word lists by the folded stem's first letter.
	var keys []string
	lists := map[string][]byte{}
	for _, t := range ix.terms {
		k := shardKey(t.folded)
		l, ok := lists[k]
		if !ok {
			keys = append(keys, k)
			l = []byte{'['}
		} else {
			l = append(l, ',')
		}
		l = append(l, '[')
		l = appendString(l, t.stem)
		l = append(l, ',')
		l = strconv.AppendInt(l, int64(postFile[t]), 10)
		l = append(l, ',')
		l = strconv.AppendInt(l, int64(excFile[t]), 10)
		l = append(l, ',')
		l = strconv.AppendInt(l, int64(posFile[t]), 10)
		l = append(l, ',')
		l = strconv.AppendInt(l, int64(tailFile[t]), 10)
		l = append(l, ',')
		l = strconv.AppendInt(l, int64(t.df), 10)
		for _, f := range t.forms {
			l = append(l, ',')
			l = appendString(l, f)
		}
		l = append(l, ']')
		lists[k] = l
	}
	for _, k := range keys { // terms are in folded order, so keys are too
		add("o-"+k, append(lists[k], ']'))
	}

	// Page chunks: d<n> the URL, title, type, municipality, year and
	// summary of each page, for results without a stored excerpt.
	chunks := 0
	for start := 0; start < len(ix.Docs); start += ChunkPages {
		d := []byte{'['}
		for i := start; i < min(start+ChunkPages, len(ix.Docs)); i++ {
			doc := &ix.Docs[i]
			if i > start {
				d = append(d, ',')
			}
			d = append(d, '[')
			for k, s := range []string{doc.URL, doc.Title, doc.Type, doc.Facets.Municipality.Label, doc.Facets.Year.Key, doc.Summary} {
				if k > 0 {
					d = append(d, ',')
				}
				d = appendString(d, s)
			}
			d = append(d, ']')
		}
		add("d"+strconv.Itoa(chunks), append(d, ']'))
		chunks++
	}
	add("f", ix.facetTable())
	add("t", ix.dateTable())

	if err != nil {
		return "", nil, err
	}
	dir = hex.EncodeToString(h.Sum(nil)[:5])

	// The manifest.
	m := fmt.Appendf(nil, `{"version":%d,"dir":"%s","pages":%d,"chunk":%d,"fields":[`,
		Version, dir, len(ix.Docs), ChunkPages)
	for i, f := range FieldNames {
		if i > 0 {
			m = append(m, ',')
		}
		m = appendString(m, f)
	}
	m = append(m, `],"boost":[`...)
	for i, w := range ix.Weights.boost() {
		if i > 0 {
			m = append(m, ',')
		}
		m = strconv.AppendFloat(m, w, 'g', -1, 64)
	}
	m = fmt.Appendf(m, `],"kinds":{"prefix":%g,"folded":%g,"typo":%g}`, ix.Weights.Prefix, ix.Weights.Folded, ix.Weights.Typo)
	m = append(m, `,"avg":[`...)
	for i, a := range ix.avg {
		if i > 0 {
			m = append(m, ',')
		}
		m = strconv.AppendFloat(m, a, 'g', -1, 64)
	}
	m = fmt.Appendf(m, `],"k1":%g,"b":%g,"maxPrefix":%d,"maxTypos":%d,"nearWindow":%d,"nearBoost":%g,"nearPositions":%d,"words":`,
		k1, b, MaxPrefix, MaxTypos, NearWindow, float64(NearBoost), NearPositions)
	m = appendStrings(m, keys)
	m = append(m, `,"stops":`...)
	m = appendStrings(m, stopKeys)
	m = append(m, "}\n"...)
	return dir, m, nil
}

// termEntries are one stem's entries in the files of postings (post, and
// rest when they are split), of the pages it lacks (lacks), of positions'
// tails (tail) and of excerpts (top); empty when it has none there. A split
// stem's post lacks what appendRest ends it with, which names files.
// Export makes them in the same few termEntries from stem to stem
// (reset), as the packers copy them: made anew, they were a tenth of the
// stage's allocations.
type termEntries struct {
	post, rest, lacks, tail, top []byte
}

// maxKept is the largest entry whose room a termEntries keeps for the
// next stem's: the few larger ones, a common stem's, would each hold
// their room for the rest of the export. Their rooms go to bigRooms.
const maxKept = 64 << 10

// reset empties e, keeping its room.
func (e *termEntries) reset() {
	for _, b := range []*[]byte{&e.post, &e.rest, &e.lacks, &e.tail, &e.top} {
		if cap(*b) > maxKept {
			giveBack(*b)
			*b = nil
		}
		*b = (*b)[:0]
	}
}

// bigRooms[k] holds rooms of at least 2^k bytes, for entries larger than
// maxKept: a common stem's room is taken again by the next common stem
// whose entry fits it. Grown by append, and made anew stem after stem,
// these entries were 0.56 GB of the 2.7 GB a 100,000-page build allocates
// in objects of 32 KiB or more (11 MB at 10,000 pages), each taken fresh
// from the system and faulted in a page at a time.
var bigRooms [32]sync.Pool

// room returns b, empty, with room for n bytes: when b has less and n is
// more than maxKept, a room from bigRooms (or a new one of the next power
// of two), which reset gives back.
func room(b []byte, n int) []byte {
	if n <= cap(b) || n <= maxKept {
		return b[:0]
	}
	k := bits.Len(uint(n - 1)) // 2^k >= n
	if k >= len(bigRooms) {
		return make([]byte, 0, n)
	}
	if r, ok := bigRooms[k].Get().(*[]byte); ok {
		return (*r)[:0]
	}
	return make([]byte, 0, 1<<k)
}

// giveBack keeps b's room in bigRooms, by the power of two it holds.
func giveBack(b []byte) {
	if k := bits.Len(uint(cap(b))) - 1; k < len(bigRooms) {
		r := b[:0]
		bigRooms[k].Put(&r)
	}
}

// termEntries makes t's entries in e, which is empty.
func (ix *Index) termEntries(t *term, e *termEntries) {
	key := func(b []byte) []byte { return append(appendString(b, t.stem), ':') } // each entry's own
	w := rankers.Get().(*ranker)
	defer rankers.Put(w)
	l := &w.l
	t.decodeInto(l)
	digits := vlqLen(len(ix.Docs)) // of a page number, or a gap between two
	var first []int32              // all pages
	if sp := t.firstPart; sp != nil {
		e.rest = ix.appendTerm(key(room(e.rest, l.bound(digits)+len(t.stem))), l, sp.pages, false, &w.kept)
		if 2*t.df > len(ix.Docs) {
			lacks := room(e.lacks, (len(ix.Docs)-t.df)*digits+len(t.stem)+16)
			e.lacks = appendLacks(key(lacks), l.pagesThrough(FieldParts, &w.all, &w.tmp), len(ix.Docs))
		}
		first = sp.pages
	}
	// appendRest ends a split stem's entry: a few numbers, and per form a
	// count and two scores (a float of up to 24 characters each).
	ending := 128 + 64*len(l.exact)
	e.post = ix.appendTerm(key(room(e.post, l.bound(digits)+len(t.stem)+ending)), l, first, true, &w.kept)
	if n := t.tailSize(); n > 0 { // in memory, or in the spool
		tail := room(e.tail, n+len(t.stem)+16)
		if t.tail != nil {
			e.tail = positionsEntry(tail, t.stem, t.tail)
		} else {
			e.tail = ix.spooledEntry(tail, t)
		}
	}
	if len(t.top) > 0 {
		e.top = ix.appendTop(key(e.top), t.top)
	}
}

// spend drops what t's entries in the files of postings, tails and
// excerpts were made from; the lengths of its lists stay, for the word
// lists and the rests' entries.
func (t *term) spend() {
	for f := range t.post {
		t.post[f].enc = nil
	}
	for i := range t.exact {
		t.exact[i].enc = nil
	}
	t.tail, t.top, t.firstPart = nil, nil, nil
	t.tailLen = 0
}

// shardKey is the word list a folded stem belongs to.
func shardKey(folded string) string {
	r, _ := utf8.DecodeRuneInString(folded)
	if r >= 'a' && r <= 'z' {
		return string(r)
	}
	return "_"
}

// packer packs one kind of entries into files prefix<n>, each a JSON
// object of the entries in the order put: a new file begins before an
// entry that would bring the file to full bytes, counting the entry by the
// size put is given (one entry alone may be larger).
type packer struct {
	prefix string
	full   int
	write  func(name string, data []byte)
	reuse  bool // write keeps nothing of data: each file is made in the last one's memory
	buf    []byte
	files  int
}

// put adds entry ("key":value) and returns the number of its file.
func (p *packer) put(entry []byte, size int) int {
	if len(p.buf) > 0 && len(p.buf)+size >= p.full {
		p.flush()
	}
	if p.buf == nil { // a file's room, made once (for each file, when !reuse)
		p.buf = make([]byte, 0, max(p.full, len(entry)+2))
	}
	p.buf = appendEntry(p.buf, entry)
	return p.files
}

// flush writes the file begun, if any.
func (p *packer) flush() {
	if len(p.buf) == 0 {
		return
	}
	p.buf = append(p.buf, '}')
	p.write(p.prefix+strconv.Itoa(p.files), p.buf)
	p.files++
	if p.reuse && cap(p.buf) <= 2*p.full {
		p.buf = p.buf[:0] // not one stem's larger file
	} else {
		p.buf = nil
	}
}

// appendEntry adds an entry ("key":value) to an object being written.
func appendEntry(b, entry []byte) []byte {
	if len(b) == 0 {
		b = append(b, '{')
	} else {
		b = append(b, ',')
	}
	b = append(b, entry...)
	return b
}

// appendTerm writes a term's postings entry (l, its lists), of only the
// pages in pages (ascending) when in, or of only those not in pages when
// !in (nil pages and in: all of them). buf is scratch for the pages kept.
func (ix *Index) appendTerm(b []byte, l *lists, pages []int32, in bool, buf *[]posting) []byte {
	keep := func(list []posting) []posting {
		if pages == nil && in {
			return list
		}
		out := (*buf)[:0]
		k := 0 // both ascending: walk them together
		for _, p := range list {
			for k < len(pages) && pages[k] < p.doc {
				k++
			}
			if (k < len(pages) && pages[k] == p.doc) == in {
				out = append(out, p)
			}
		}
		*buf = out
		return out
	}
	b = append(b, '[')
	for f := FieldTitle; f <= FieldParts; f++ {
		b = ix.appendPostings(b, f, keep(l.post[f]))
		b = append(b, ',')
	}
	b = append(b, '[')
	for i, p := range l.exact {
		if i > 0 {
			b = append(b, ',')
		}
		b = ix.appendPostings(b, FieldExact, keep(p))
	}
	return append(b, "]]"...)
}

// appendRest ends the entry of a term whose postings are split with what
// the rest needs: [r, counts, plain, plainHits, sums, sumHits, m], the rest's
// file, each list's length (fields titel to delar, then each form's), the
// bounds of split, and the file of the pages the stem lacks (−1: none).
func (ix *Index) appendRest(b []byte, t *term, file, member int) []byte {
	sp := t.firstPart
	b = append(b, ",["...)
	b = strconv.AppendInt(b, int64(file), 10)
	b = append(b, ",["...)
	for f := FieldTitle; f <= FieldParts; f++ {
		if f > FieldTitle {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, int64(t.post[f].len()), 10)
	}
	for _, p := range t.exact {
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(p.len()), 10)
	}
	b = append(b, "],"...)
	b = strconv.AppendFloat(b, sp.plain, 'g', -1, 64)
	b = append(b, ',')
	b = strconv.AppendFloat(b, sp.plainHits, 'g', -1, 64)
	for _, list := range [][]float64{sp.sums, sp.sumHits} {
		b = append(b, ",["...)
		for i, x := range list {
			if i > 0 {
				b = append(b, ',')
			}
			b = strconv.AppendFloat(b, x, 'g', -1, 64)
		}
		b = append(b, ']')
	}
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(member), 10)
	return append(b, "]]"...)
}

// appendLacks writes the pages below n that are not in pages (ascending),
// delta-coded as the pages of a postings list.
func appendLacks(b []byte, pages []int32, n int) []byte {
	b = append(b, '"')
	prev, k := 0, 0
	for d := range n {
		if k < len(pages) && int(pages[k]) == d {
			k++
			continue
		}
		b = appendVLQ(b, d-prev)
		prev = d
	}
	return append(b, '"')
}

// positionsEntry appends a stem's entry in a positions file to b.
func positionsEntry(b []byte, stem string, pos []byte) []byte {
	b = appendString(b, stem)
	b = append(b, ':', '"')
	b = append(b, pos...)
	return append(b, '"')
}

// appendTop writes a stem's stored excerpts, each with what a result shows
// of its page, so that a result with an excerpt needs no page chunk.
func (ix *Index) appendTop(b []byte, top []top) []byte {
	b = append(b, '[')
	for i, tp := range top {
		if i > 0 {
			b = append(b, ',')
		}
		d := &ix.Docs[tp.doc]
		b = append(b, '[')
		b = strconv.AppendInt(b, int64(tp.doc), 10)
		for _, s := range []string{tp.section, tp.heading, tp.excerpt, d.URL, d.Title, d.Type, d.Facets.Municipality.Label, d.Facets.Year.Key} {
			b = append(b, ',')
			b = appendString(b, s)
		}
		b = append(b, ']')
	}
	return append(b, ']')
}

// appendPostings writes a postings list as one string: the pages, as
// base-64 VLQ numbers (the encoding of source maps: five bits a character,
// the sixth says another character follows, low bits first) delta-coded,
// then a space, then q = round(50 × tfpart) of each page as one base-64
// digit. The two runs compress better apart than interleaved.
func (ix *Index) appendPostings(b []byte, f int, list []posting) []byte {
	b = append(b, '"')
	prev := int32(0)
	for _, p := range list {
		b = appendVLQ(b, int(p.doc-prev))
		prev = p.doc
	}
	if len(list) > 0 {
		b = append(b, ' ')
	}
	for _, p := range list {
		b = append(b, vlqDigits[ix.q(f, p)])
	}
	return append(b, '"')
}

const vlqDigits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

// vlqLen is the length of n as a base-64 VLQ number (appendVLQ).
func vlqLen(n int) int {
	d := 1
	for n >>= 5; n > 0; n >>= 5 {
		d++
	}
	return d
}

// bound is at most how long appendTerm writes l's postings (its key and
// appendRest's ending aside), for page numbers of digits VLQ digits: a
// page's gap and its q, and the list's quotes, space and comma.
func (l *lists) bound(digits int) int {
	n := 8
	for f := range l.post {
		n += len(l.post[f])*(digits+1) + 4
	}
	for _, list := range l.exact {
		n += len(list)*(digits+1) + 4
	}
	return n
}

func appendVLQ(b []byte, n int) []byte {
	for {
		d := n & 31
		n >>= 5
		if n == 0 {
			return append(b, vlqDigits[d])
		}
		b = append(b, vlqDigits[d|32])
	}
}

func appendStrings(b []byte, list []string) []byte {
	b = append(b, '[')
	for i, s := range list {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, s)
	}
	return append(b, ']')
}

// appendString writes s as a JSON string. s is valid UTF-8 (the content
// stage checked it); only quotes, backslashes and control characters are
// escaped. The runs between them are copied whole (most strings have
// none): appending a byte at a time was most of this function's cost.
// The runs are found eight bytes at a time (plainWords), then byte by byte
// from the eight that hold the run's end: three tests per byte were most
// of what was left, over every excerpt, title and summary of the index.
func appendString(b []byte, s string) []byte {
	const hexDigits = "0123456789abcdef"
	b = append(b, '"')
	for {
		i := plainWords(s)
		for i < len(s) && s[i] >= 0x20 && s[i] != '"' && s[i] != '\\' {
			i++
		}
		b = append(b, s[:i]...)
		if i == len(s) {
			return append(b, '"')
		}
		switch c := s[i]; {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c == '\n':
			b = append(b, '\\', 'n')
		default:
			b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&15])
		}
		s = s[i+1:]
	}
}

// plainWords returns the length of the longest run of whole eight-byte
// words at the start of s with no control character, quote or backslash.
// Each word is tested as one number: x - 0x01… × c borrows into a byte's
// high bit, where ^x has it set, only when some byte is below c (for c up
// to 0x80), and exactly when one is (the word tests of "Bit Twiddling
// Hacks", hasless and haszero).
func plainWords(s string) int {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	i := 0
	for ; i+8 <= len(s); i += 8 {
		w := s[i : i+8]
		x := uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
			uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
		q, bs := x^(ones*'"'), x^(ones*'\\')
		if ((x-ones*0x20)&^x|(q-ones)&^q|(bs-ones)&^bs)&highs != 0 {
			break
		}
	}
	return i
}
