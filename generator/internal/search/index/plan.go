package index

import (
	"math"
	"sort"
	"strings"
	"unicode/utf8"

	"kunskapsbanken/generator/internal/spelling"
)

// Query is a planned query: one entry per word that is not a stop word,
// or, when every word is one (Stop), one per stop word.
type Query struct {
	Words   []Word
	Phrases [][]int // the quoted runs of two or more words: indexes into Words
	Stop    bool    // a query of stop words only, matched by their exact forms
}

// Word is one query word and what it may match.
type Word struct {
	Text       string      // lower-cased, as typed
	Stem       string      // "" for a stop word
	Prefix     bool        // the last word, matched as a prefix too
	Candidates []Candidate // empty: the word matches nothing (or it is a stop word)
	Pos        int         // its position in the query, stop words counted
	Stop       bool        // a stop word (Query.Stop)
}

// Candidate is a stem a query word may match, and how well.
type Candidate struct {
	Stem string
	Kind float64 // 1 for the word's own stem; Weights.Prefix, Folded or Typo
	Own  bool
}

// Clause is one term query of a word's disjunction: a field of a
// candidate that has postings.
type Clause struct {
	Field int     // field number, or FieldStop
	Term  string  // the stem, or a word form in field exakt
	Boost float64 // field weight × candidate kind
}

// Plan analyzes a query the way the browser engine does and finds each
// word's candidates in the index. The last word is a prefix too unless the
// query ends with a space or punctuation. Words between quotes (any of
// Quotes; an unclosed quote runs to the end) are a phrase. A query of stop
// words only keeps them, as they are, for their exact forms.
func (ix *Index) Plan(q string) Query {
	var words, stops []Word
	var quoted []int // per word of words, its quoted run (0: none)
	end, pos := 0, 0
	quotes, seen := 0, 0
	ix.an.Words(q, func(word, stem string, stop bool, start, e int) {
		quotes += countQuotes(q[seen:start])
		seen = start
		w := Word{Text: word, Stem: stem, Pos: pos, Stop: stop}
		pos++
		if stop {
			stops = append(stops, w)
			return
		}
		words = append(words, w)
		run := 0 // after an odd number of quotes, the word is in run (quotes+1)/2
		if quotes%2 == 1 {
			run = (quotes + 1) / 2
		}
		quoted = append(quoted, run)
		end = e
	})
	if len(words) == 0 && len(stops) > 0 {
		return Query{Words: stops, Stop: true}
	}
	if n := len(words); n > 0 && end == len(q) {
		words[n-1].Prefix = true
	}
	for i := range words {
		words[i].Candidates = ix.candidates(&words[i])
	}
	var phrases [][]int
	for i := 0; i < len(words); {
		j := i + 1
		for j < len(words) && quoted[j] == quoted[i] {
			j++
		}
		if quoted[i] > 0 && j-i >= 2 {
			run := make([]int, 0, j-i)
			for k := i; k < j; k++ {
				run = append(run, k)
			}
			phrases = append(phrases, run)
		}
		i = j
	}
	return Query{Words: words, Phrases: phrases}
}

// Quotes are the characters that open and close a phrase: typewriter
// quotes and the typographic ones (Swedish writes ”…”).
const Quotes = "\"“”„«»"

// countQuotes counts the quote characters of s.
func countQuotes(s string) int {
	n := 0
	for _, r := range s {
		if strings.ContainsRune(Quotes, r) {
			n++
		}
	}
	return n
}

// candidates implements the rules of the package documentation.
func (ix *Index) candidates(w *Word) []Candidate {
	var out []Candidate
	seen := map[string]bool{}
	if t := ix.byStem[w.Stem]; t != nil {
		out = append(out, Candidate{Stem: t.stem, Kind: 1, Own: true})
		seen[t.stem] = true
	}
	ascii := spelling.Fold(w.Text) == w.Text
	shard := ix.shard(w.Text)
	if ascii {
		// The stems that fold like the word's, and those with a form that
		// folds to the word itself (rakenskapsaret: räkenskapsåret, whose
		// stem is not rakenskap folded).
		fs := spelling.Fold(w.Stem)
		for _, t := range shard {
			if !seen[t.stem] && (t.folded == fs || len(t.formsFoldingTo(w.Text)) > 0) {
				out = append(out, Candidate{Stem: t.stem, Kind: ix.Weights.Folded})
				seen[t.stem] = true
			}
		}
	}
	if w.Prefix && utf8.RuneCountInString(w.Text) >= 3 {
		var found []*term
		for _, t := range shard {
			if seen[t.stem] {
				continue
			}
			for _, f := range t.forms {
				if hasPrefix(f, w.Text, ascii) {
					found = append(found, t)
					break
				}
			}
		}
		sort.SliceStable(found, func(i, j int) bool { return found[i].df > found[j].df })
		if len(found) > MaxPrefix {
			found = found[:MaxPrefix]
		}
		for _, t := range found {
			out = append(out, Candidate{Stem: t.stem, Kind: ix.Weights.Prefix})
			seen[t.stem] = true
		}
	}
	if len(out) > 0 {
		return out
	}
	n := utf8.RuneCountInString(w.Text)
	if n < 4 {
		return nil
	}
	maxEdits := 1
	if n >= 8 {
		maxEdits = 2
	}
	for _, m := range closest(shard, w.Text, maxEdits, MaxTypos) {
		out = append(out, Candidate{Stem: m.t.stem, Kind: ix.Weights.Typo})
	}
	return out
}

// Suggest returns up to n word forms of the index closest to word, for
// "did you mean": those three edits away at most, then the longest forms
// the word starts with (trygghetslarm for trygghetslarmcentralen), said out
// loud instead of searched for silently.
func (ix *Index) Suggest(word string, n int) []string {
	var out []string
	for _, m := range closest(ix.shard(word), word, -3, n) {
		out = append(out, m.form)
	}
	return out
}

type match struct {
	t    *term
	form string
	dist int
}

// closest finds the terms of a word list with a form within maxEdits of
// word (compared folded), nearest first, then most frequent, at most n. A
// negative maxEdits allows -maxEdits edits and also forms of at least four
// letters that the word starts with, ranked after the others by how much
// of the word they leave out.
func closest(shard []*term, word string, maxEdits, n int) []match {
	prefixes := maxEdits < 0
	if prefixes {
		maxEdits = -maxEdits
	}
	folded := spelling.Fold(word)
	fw := []rune(folded)
	var found []match
	for _, t := range shard {
		best := match{dist: math.MaxInt}
		for _, f := range t.forms {
			ff := spelling.Fold(f)
			d := spelling.DistanceWithSwaps(fw, []rune(ff), maxEdits)
			if d > maxEdits {
				if !prefixes || utf8.RuneCountInString(ff) < 4 || !strings.HasPrefix(folded, ff) {
					continue
				}
				d = maxEdits + len(fw) - utf8.RuneCountInString(ff)
			}
			if d < best.dist {
				best = match{t, f, d}
			}
		}
		if best.t != nil {
			found = append(found, best)
		}
	}
	sort.SliceStable(found, func(i, j int) bool {
		if found[i].dist != found[j].dist {
			return found[i].dist < found[j].dist
		}
		return found[i].t.df > found[j].t.df
	})
	if len(found) > n {
		found = found[:n]
	}
	return found
}

// shard returns the terms of the word list a word's lookups use: those
// whose folded stem starts with the word's folded first letter. The terms
// are sorted, so the list is one run.
func (ix *Index) shard(word string) []*term {
	k := shardKey(spelling.Fold(word))
	lo := sort.Search(len(ix.terms), func(i int) bool { return shardKey(ix.terms[i].folded) >= k })
	hi := lo
	for hi < len(ix.terms) && shardKey(ix.terms[hi].folded) == k {
		hi++
	}
	return ix.terms[lo:hi]
}

// formsFoldingTo returns the indexes of t's forms that fold to word, a
// word without letters to fold. (Folding never lengthens a word.)
func (t *term) formsFoldingTo(word string) []int {
	var out []int
	for i, f := range t.forms {
		if len(f) >= len(word) && spelling.Fold(f) == word {
			out = append(out, i)
		}
	}
	return out
}

// hasPrefix reports whether form starts with p; compared folded when the
// query word has no letters to fold.
func hasPrefix(form, p string, folded bool) bool {
	if folded {
		form = spelling.Fold(form)
	}
	return len(form) >= len(p) && form[:len(p)] == p
}

// Clauses returns a word's term queries: every field of every candidate
// that has postings, compound parts included (lakemedel finds
// läkemedelspåminnare through läkemedel), and for the word's own stem,
// when the word occurs in that form, the exact form.
func (ix *Index) Clauses(w Word) []Clause {
	boost := ix.Weights.boost()
	if w.Stop {
		if ix.stops[w.Text] == nil {
			return nil
		}
		return []Clause{{FieldStop, w.Text, boost[FieldExact]}}
	}
	var out []Clause
	ascii := spelling.Fold(w.Text) == w.Text
	for _, c := range w.Candidates {
		t := ix.byStem[c.Stem]
		for f := FieldTitle; f <= FieldText; f++ {
			if t.post[f].len() > 0 {
				out = append(out, Clause{f, t.stem, boost[f] * c.Kind})
			}
		}
		if t.post[FieldParts].len() > 0 {
			out = append(out, Clause{FieldParts, t.stem, boost[FieldParts] * c.Kind})
		}
		if !c.Own {
			// A word without å ä ö is its forms with them, at the
			// candidate's kind: rakenskapsaret is räkenskapsåret exactly.
			if ascii {
				for _, i := range t.formsFoldingTo(w.Text) {
					out = append(out, Clause{FieldExact, t.forms[i], boost[FieldExact] * c.Kind})
				}
			}
			continue
		}
		if fm, ok := ix.forms[w.Text]; ok && fm.t == t {
			out = append(out, Clause{FieldExact, w.Text, boost[FieldExact]})
		}
	}
	return out
}
