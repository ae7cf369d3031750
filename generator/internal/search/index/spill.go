package index

import "kunskapsbanken/generator/internal/spool"

// Word positions in a spool. The positions are the largest part of the
// index (about 150 MB at 100,000 pages, with the first offsets of the
// field text 60 MB more, against 160 MB of postings), and are read only
// twice: by pickTop, which splits each stem's into heads and tails, and
// by Export, which writes the tails. Held in memory from the merge of the
// first page to the last file written, they were at the search stage's
// peak the most the collector marked on every cycle, where at 100,000
// pages the memory limit binds. BuildSpooled keeps them in a spool
// instead: merge appends each page's positions to its stems in memory as
// before, and whenever spillBytes of them have gathered, spill puts each
// stem's (its run) in the spool and drops them; pickTop reads a stem's
// runs back into its worker's memory, and puts the tail it makes in the
// spool for Export, which reads it straight into the stem's entry.

// spillBytes is how many bytes of positions and first offsets merge
// gathers before it spills them: few spills, each a run of every stem met
// since the last, so that pickTop reads a stem back in few reads.
var spillBytes = 16 << 20

// posRun is one stem's positions and first offsets of the pages merged
// between two spills: a record of the positions, then the offsets.
type posRun struct {
	ref  spool.Ref
	npos int32 // bytes of positions, before the offsets
}

// spill puts every stem's positions and first offsets merged since the
// last spill in the spool, as one run, and drops them.
func (ix *Index) spill() {
	for _, t := range ix.termByID {
		if t == nil || len(t.pos)+len(t.first) == 0 {
			continue
		}
		ix.spillBuf = append(append(ix.spillBuf[:0], t.pos...), t.first...)
		t.runs = append(t.runs, posRun{ix.sp.Put(ix.spillBuf), int32(len(t.pos))})
		t.pos, t.first = nil, nil
	}
	ix.unspilled = 0
}

// unspill reads t's runs back, its positions into t.pos and its first
// offsets into t.first, both in w's memory, which pickTop drops before it
// returns. It reports false, with the failure kept for Export, when a run
// cannot be read.
func (ix *Index) unspill(t *term, w *ranker) bool {
	if len(t.runs) == 0 {
		return true
	}
	pos, first := w.pos[:0], w.firstBuf[:0]
	for _, r := range t.runs {
		run, err := ix.sp.AppendRecord(w.run[:0], r.ref)
		w.run = run
		if err != nil {
			ix.fail(err)
			return false
		}
		pos = append(pos, run[:r.npos]...)
		first = append(first, run[r.npos:]...)
	}
	w.pos, w.firstBuf = pos[:0], first[:0]
	t.pos, t.first, t.runs = pos, first, nil
	return true
}

// tailSize is the length of t's tail, in memory or in the spool.
func (t *term) tailSize() int {
	if t.tail != nil {
		return len(t.tail)
	}
	return t.tailLen
}

// spooledEntry appends t's entry in a file of tails, its tail read from
// the spool, to b.
func (ix *Index) spooledEntry(b []byte, t *term) []byte {
	b = appendString(b, t.stem)
	b = append(b, ':', '"')
	b, err := ix.sp.AppendRecord(b, t.tailRef)
	if err != nil {
		ix.fail(err)
	}
	return append(b, '"')
}

// loadTail reads t's tail back from the spool into memory of its own, for
// a query's positions (Proximity).
func (ix *Index) loadTail(t *term) {
	if t.tail != nil || t.tailLen == 0 {
		return
	}
	tail, err := ix.sp.Get(t.tailRef)
	if err != nil {
		ix.fail(err)
		return
	}
	t.tail = tail
}

// fail keeps the first failure to read the spool back, for Export.
func (ix *Index) fail(err error) {
	ix.errMu.Lock()
	defer ix.errMu.Unlock()
	if ix.err == nil {
		ix.err = err
	}
}

// failed returns the first failure to read the spool back, or nil.
func (ix *Index) failed() error {
	ix.errMu.Lock()
	defer ix.errMu.Unlock()
	return ix.err
}
