package index

import (
	"sort"
	"unicode/utf8"
)

// Compound words. Swedish writes trygghetslarm, läkemedelspåminnare and
// välfärdsteknikambassadör as one word, and readers search for their parts.
// Every distinct word form of the pages is split against the pages' own
// vocabulary: a form is a compound when it is a known word (the head,
// possibly followed by the linking s) followed by a known word or another
// compound (the tail). The stems of the parts, and of the sub-compounds,
// go to the field delar, which ranks below the words themselves.
//
// Known words are forms found on at least minPartPages pages, at least
// minPart letters long, that are not suffixes written as words (a tail
// such as "het" or "ning" would split every abstract noun). The longest
// head wins. The work is per distinct form, not per token: about 40,000
// forms at 10,000 pages.
const (
	minPart      = 3
	minPartPages = 2
	minCompound  = 6
)

// suffixLike are word forms that are also common Swedish endings; as tails
// they would split ordinary derived words.
var suffixLike = map[string]bool{
	"are": true, "arna": true, "erna": true, "orna": true, "ande": true, "ende": true,
	"het": true, "heten": true, "heter": true, "ning": true, "ningen": true, "ningar": true,
	"lig": true, "liga": true, "ligt": true, "else": true, "skap": true, "isk": true,
	"iska": true, "tion": true, "ion": true, "ell": true, "ella": true, "ens": true,
	"ers": true, "ors": true, "ast": true, "aste": true, "ade": true, "ing": true,
	"ingen": true, "ism": true, "ist": true, "tet": true, "ras": true, "rar": true,
}

// compounds fills the field delar (FieldParts).
func (ix *Index) compounds() {
	known := func(w string) bool {
		if utf8.RuneCountInString(w) < minPart || suffixLike[w] {
			return false
		}
		f, ok := ix.forms[w]
		return ok && len(f.t.exact[f.i]) >= minPartPages
	}
	memo := map[string][]string{}
	var split func(w string) []string
	// whole is a part: a known word or a compound, with its own parts.
	whole := func(w string) []string {
		sub := split(w)
		if sub == nil && !known(w) {
			return nil
		}
		return append([]string{w}, sub...)
	}
	split = func(w string) []string {
		if p, ok := memo[w]; ok {
			return p
		}
		memo[w] = nil // no cycles: parts are shorter
		var best []string
		// Split points from the longest head down; both parts at least
		// minPart letters.
		var cuts []int
		for i := range w {
			if i > 0 {
				cuts = append(cuts, i)
			}
		}
		for k := len(cuts) - 1; k >= 0 && best == nil; k-- {
			i := cuts[k]
			head, tail := w[:i], w[i:]
			if utf8.RuneCountInString(tail) < minPart || utf8.RuneCountInString(head) < minPart {
				continue
			}
			tailParts := whole(tail)
			if tailParts == nil {
				continue
			}
			headParts := whole(head)
			if headParts == nil && head[len(head)-1] == 's' {
				headParts = whole(head[:len(head)-1]) // the linking s
			}
			if headParts == nil {
				continue
			}
			best = append(headParts, tailParts...)
		}
		// A known word of four letters or more and the linking s, before
		// a tail the pages do not hold as a word of its own: läkemedels-
		// påminnare, kvällstid. Without the s such a head would split
		// ordinary words (person|alen), so it is required.
		for k := len(cuts) - 1; k >= 0 && best == nil; k-- {
			i := cuts[k]
			head, tail := w[:i], w[i:]
			if len(head) < 2 || head[len(head)-1] != 's' || utf8.RuneCountInString(tail) < minPart {
				continue
			}
			if h := head[:len(head)-1]; utf8.RuneCountInString(h) >= 4 && known(h) {
				best = whole(h)
			}
		}
		memo[w] = best
		return best
	}

	byTerm := map[*term]map[int32]int32{} // a part's postings in delar
	forms := make([]string, 0, len(ix.forms))
	for w := range ix.forms {
		forms = append(forms, w)
	}
	sort.Strings(forms) // the result does not depend on it; the work order does
	for _, w := range forms {
		if utf8.RuneCountInString(w) < minCompound {
			continue
		}
		parts := split(w)
		if parts == nil {
			continue
		}
		f := ix.forms[w]
		seen := map[*term]bool{f.t: true}
		for _, part := range parts {
			pf, ok := ix.forms[part]
			if !ok || seen[pf.t] {
				continue // a sub-compound that is not itself a word of the pages
			}
			seen[pf.t] = true
			m := byTerm[pf.t]
			if m == nil {
				m = map[int32]int32{}
				byTerm[pf.t] = m
			}
			for _, p := range f.t.exact[f.i] {
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
		t.post[FieldParts] = list
	}
}

// Parts returns, for every page, the stems of its field delar, each as
// often as the page has it: the field's text for an engine that analyzes
// text itself.
func (ix *Index) Parts() [][]string {
	out := make([][]string, len(ix.Docs))
	for _, t := range ix.terms {
		for _, p := range t.post[FieldParts] {
			for range p.tf {
				out[p.doc] = append(out[p.doc], t.stem)
			}
		}
	}
	return out
}
