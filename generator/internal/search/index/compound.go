package index

import (
	"slices"
	"sort"
	"unicode/utf8"

	"kunskapsbanken/generator/internal/par"
	"kunskapsbanken/generator/internal/search/compound"
)

// Compound words. Swedish writes trygghetslarm, förkylningssymptom and
// välfärdsteknikambassadör as one word, and readers search for their parts.
// Every distinct word form of the pages is split by search/compound, with
// its Swedish lexicon and, for words the lexicon lacks, the pages' own
// vocabulary: forms found on at least minPartPages pages. The stems of the
// parts, and of the sub-compounds, go to the field delar, which ranks below
// the words themselves; a part that is no word of the pages (symptom, met
// only inside förkylningssymptom) gets a term of its own, with postings in
// delar only. The work is per distinct form, not per token, on every core:
// about 40,000 forms at 10,000 pages.
const minPartPages = 2

// splitter returns the compound splitter of the index's words. It reads
// ix.forms only when it splits, so Build makes it (the lexicon's parsing,
// 0.1 s) while the pages are counted.
func (ix *Index) splitter() *compound.Splitter {
	words := func(w string) bool {
		if compound.Suffixes[w] {
			return false
		}
		f, ok := ix.forms[w]
		return ok && f.t.exact[f.i].len() >= minPartPages
	}
	return compound.New(ix.an.Stem, words)
}

// compounds fills the field delar (FieldParts), splitting with sp.
func (ix *Index) compounds(sp *compound.Splitter) {
	forms := make([]string, 0, len(ix.forms))
	for w := range ix.forms {
		if utf8.RuneCountInString(w) >= compound.MinWord {
			forms = append(forms, w)
		}
	}
	sort.Strings(forms) // the postings do not depend on the order; the work does
	parts := make([][]string, len(forms))
	par.For(len(forms), func(i int) { parts[i] = sp.Split(forms[i]) })

	// Each part's postings in delar are the sum of those of the forms it
	// is part of: the forms are listed per part first (a few bytes per
	// form), and each part's postings are then added up alone, in a count
	// per page, so that only one part's pages are held at a time (a map of
	// pages per part held them all: about 97 MB at 100,000 pages).
	byTerm := map[*term][]*postings{}
	var order []*term // byTerm's keys, in the order first met
	for i, w := range forms {
		if parts[i] == nil {
			continue
		}
		f := ix.forms[w]
		seen := map[*term]bool{f.t: true}
		for _, stem := range parts[i] {
			t := ix.termFor(stem)
			if seen[t] {
				continue
			}
			seen[t] = true
			if byTerm[t] == nil {
				order = append(order, t)
			}
			byTerm[t] = append(byTerm[t], &f.t.exact[f.i])
		}
	}
	// The counts are added up by page number, not by sorting the forms'
	// postings together (a sort of every posting of every part, on one
	// core, was two thirds of this function's time).
	acc := make([]int32, len(ix.Docs)) // per page, its tokens of the part, or -1
	for i := range acc {
		acc[i] = -1
	}
	var list, sum []posting
	var pages []int32 // the pages of the part, as met
	for _, t := range order {
		pages = pages[:0]
		for _, l := range byTerm[t] {
			list = l.appendTo(list[:0])
			for _, p := range list {
				if acc[p.doc] < 0 {
					acc[p.doc] = 0
					pages = append(pages, p.doc)
				}
				acc[p.doc] += p.tf
			}
		}
		if len(pages) > len(acc)/16 { // a pass over acc costs less than sorting them
			pages = pages[:0]
			for d, n := range acc {
				if n >= 0 {
					pages = append(pages, int32(d))
				}
			}
		} else {
			slices.Sort(pages)
		}
		sum = sum[:0] // one posting per page, ascending
		for _, d := range pages {
			ix.lens[d][FieldParts] += acc[d]
			sum = append(sum, posting{d, acc[d]})
			acc[d] = -1
		}
		t.post[FieldParts] = postingsOf(sum)
	}
}

// Parts returns, for every page, the stems of its field delar, each as
// often as the page has it: the field's text for an engine that analyzes
// text itself.
func (ix *Index) Parts() [][]string {
	out := make([][]string, len(ix.Docs))
	for _, t := range ix.terms {
		for _, p := range t.post[FieldParts].decode() {
			for range p.tf {
				out[p.doc] = append(out[p.doc], t.stem)
			}
		}
	}
	return out
}
