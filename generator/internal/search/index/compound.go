package index

import (
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

// compounds fills the field delar (FieldParts).
func (ix *Index) compounds() {
	words := func(w string) bool {
		if compound.Suffixes[w] {
			return false
		}
		f, ok := ix.forms[w]
		return ok && f.t.exact[f.i].len() >= minPartPages
	}
	sp := compound.New(ix.an.Stem, words)
	forms := make([]string, 0, len(ix.forms))
	for w := range ix.forms {
		if utf8.RuneCountInString(w) >= compound.MinWord {
			forms = append(forms, w)
		}
	}
	sort.Strings(forms) // the postings do not depend on the order; the work does
	parts := make([][]string, len(forms))
	par.For(len(forms), func(i int) { parts[i] = sp.Split(forms[i]) })

	byTerm := map[*term]map[int32]int32{} // a part's postings in delar
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
			m := byTerm[t]
			if m == nil {
				m = map[int32]int32{}
				byTerm[t] = m
			}
			for _, p := range f.t.exact[f.i].decode() {
				m[p.doc] += p.tf
				ix.lens[p.doc][FieldParts] += p.tf
			}
		}
	}
	for t, m := range byTerm {
		list := make([]posting, 0, len(m))
		for d, n := range m {
			list = append(list, posting{d, n})
		}
		sort.Slice(list, func(i, j int) bool { return list[i].doc < list[j].doc })
		var l postings
		for _, p := range list {
			l.add(p.doc, p.tf)
		}
		t.post[FieldParts] = l
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
