package main

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"os"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"
)

// The query set: known-item queries, each made from the words of one page
// of the adapted corpus, in ten kinds (see kinds). Every query is fair by
// counting: few pages hold what it asks for, so a search that handles its
// kind finds the page in the top 5 whatever its ranking. The generator is
// deterministic: pages are visited in an order hashed from the kind and
// the slug, each gives at most one query of a kind, and within a page the
// rarest, longest, then alphabetically first candidate wins (where a kind
// has several ways, such as a compound's first or last part, the way with
// the fewest queries so far comes first, and each way first gets up to a
// third of the kind's queries).
//
// Words come from the prose (title, summary, text, not code) of Swedish
// blocks (a block with at least two of Swedish's commonest function words),
// and never from words that appear in code anywhere, so that identifiers
// and English passages of the design system do not become queries. A word
// seen only before a hyphen ("hälso- och sjukvård") is a compound's first
// part, not a word of its own.

// Query is one line of queries.tsv.
type Query struct {
	Kind, Text string
	Expect     []string // slugs; one of them in the top 5 passes
	Note       string
	group      string // the way of a kind it tests, which take turns
}

// kinds are the query kinds, in the order of the file.
var kinds = []string{"word", "inflection", "compound-part", "no-diacritics", "typo", "prefix", "two-words", "stop-words", "phrase", "near"}

// perKind is how many queries each kind gets at most.
const perKind = 40

// dropped are queries the generator makes that a reader found unfair or
// pointless, with the reason; they are left out.
var dropped = map[string]string{
	"compound-part\tdrages":      "föredrages is före + drages, a verb with its particle, not a compound",
	"compound-part\tbodde":       "sammanbodde is a verb with its particle, not a compound",
	"compound-part\tfullt":       "-full in respektfullt is a suffix, not a word",
	"compound-part\tpolering":    "interpolering is no compound of inter and polering",
	"compound-part\tuppslag":     "uppslagning is uppslag with the suffix -ning, no compound",
	"compound-part\thjärn":       "hjärn is a compound's form of hjärna, which no reader types alone",
	"compound-part\ttilllägg":    "tillläggspension is an old spelling; no reader types tilllägg",
	"inflection\taderton":        "adertonde is the ordinal, another word",
	"typo\tnllable":              "nullable is English",
	"no-diacritics\terattningen": "erättningen is the source's misspelling of ersättningen",
}

// writeQueries writes the query set of pages as TSV into file.
func writeQueries(file string, pages []*Page) error {
	qs := Generate(pages)
	var b bytes.Buffer
	b.WriteString("kind\tquery\texpect\tnote\n")
	for _, q := range qs {
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s\n", q.Kind, q.Text, strings.Join(q.Expect, " "), q.Note)
	}
	return os.WriteFile(file, b.Bytes(), 0o644)
}

// corpus is what the generator knows of all pages.
type corpus struct {
	a         *analyzer
	pages     []*pageText
	formPages map[string][]int // form → pages holding it, ascending
	stemPages map[string][]int
	stemForms map[string][]string // stem → its forms, sorted
	code      map[string]bool     // forms that occur in code
	swedish   map[string]bool     // forms that occur in a Swedish block of prose
	vocab     []string            // every form, sorted
	folded    []string            // every form folded, then a tab and the form; sorted
	reversed  []string            // every form backwards, sorted
	byFirst   map[byte][]string
}

// Generate makes the query set of pages.
func Generate(pages []*Page) []Query {
	c := newCorpus(pages)
	var out []Query
	for _, kind := range kinds {
		gen := generators[kind]
		order := c.visitOrder(kind)
		cands := make([][]Query, len(c.pages)) // made when first needed
		made := make([]bool, len(c.pages))
		used := map[string]bool{}  // query texts taken
		done := map[int]bool{}     // pages that gave a query
		groups := map[string]int{} // queries taken of each group
		n := 0
		// A first round takes each group up to its share, a second fills up.
		for _, share := range []int{perKind / 3, perKind} {
			for _, i := range order {
				if n == perKind {
					break
				}
				if done[i] {
					continue
				}
				if !made[i] {
					cands[i], made[i] = gen(c, i), true
				}
				qs := slices.Clone(cands[i])
				// The group with the fewest queries so far goes first.
				sort.SliceStable(qs, func(x, y int) bool { return groups[qs[x].group] < groups[qs[y].group] })
				for _, q := range qs {
					if used[q.Text] || dropped[kind+"\t"+q.Text] != "" || q.group != "" && groups[q.group] >= share {
						continue
					}
					used[q.Text], done[i] = true, true
					groups[q.group]++
					q.Kind = kind
					out = append(out, q)
					n++
					break
				}
			}
		}
	}
	return out
}

// visitOrder is the order in which a kind visits the pages.
func (c *corpus) visitOrder(kind string) []int {
	order := make([]int, len(c.pages))
	for i := range order {
		order[i] = i
	}
	key := func(i int) uint64 {
		h := fnv.New64a()
		h.Write([]byte(kind + "/" + c.pages[i].page.Slug))
		return h.Sum64()
	}
	sort.Slice(order, func(x, y int) bool { return key(order[x]) < key(order[y]) })
	return order
}

var generators = map[string]func(c *corpus, i int) []Query{
	"word":          (*corpus).word,
	"inflection":    (*corpus).inflection,
	"compound-part": (*corpus).compoundPart,
	"no-diacritics": (*corpus).noDiacritics,
	"typo":          (*corpus).typo,
	"prefix":        (*corpus).prefix,
	"two-words":     (*corpus).twoWords,
	"stop-words":    (*corpus).stopWords,
	"phrase":        (*corpus).phrase,
	"near":          (*corpus).near,
}

func newCorpus(pages []*Page) *corpus {
	c := &corpus{a: newAnalyzer(), formPages: map[string][]int{}, stemPages: map[string][]int{}, code: map[string]bool{}, swedish: map[string]bool{}}
	for i, p := range pages {
		pt := c.a.analyse(p)
		c.pages = append(c.pages, pt)
		for _, f := range sortedKeys(pt.forms) {
			c.formPages[f] = append(c.formPages[f], i)
		}
		for _, s := range sortedKeys(pt.stems) {
			c.stemPages[s] = append(c.stemPages[s], i)
		}
		for f := range pt.code {
			c.code[f] = true
		}
		for _, b := range pt.prose {
			if swedishBlock(b) {
				for _, t := range b {
					if !t.hyphen {
						c.swedish[t.word] = true
					}
				}
			}
		}
	}
	c.vocab = sortedKeys(c.formPages)
	c.byFirst = map[byte][]string{}
	c.stemForms = map[string][]string{}
	for _, f := range c.vocab {
		if t := c.a.word(f); !t.stop {
			c.stemForms[t.stem] = append(c.stemForms[t.stem], f)
		}
		c.folded = append(c.folded, fold(f)+"\t"+f)
		c.reversed = append(c.reversed, reverse(f))
		c.byFirst[f[0]] = append(c.byFirst[f[0]], f)
	}
	sort.Strings(c.folded)
	sort.Strings(c.reversed)
	return c
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// markers are Swedish function words that English text does not have.
var markers = map[string]bool{"och": true, "att": true, "är": true, "det": true, "som": true, "för": true, "med": true, "på": true, "av": true, "till": true, "ett": true, "inte": true, "har": true, "kan": true, "ska": true, "eller": true, "när": true, "från": true, "vid": true, "enligt": true, "skall": true}

func swedishBlock(b []token) bool {
	n := 0
	for _, t := range b {
		if markers[t.word] {
			n++
		}
	}
	return n >= 2
}

// candidate reports whether w is a Swedish word of prose of at least n
// letters that never occurs in code, and no stop word.
func (c *corpus) candidate(w string, n int) bool {
	return utf8.RuneCountInString(w) >= n && letters(w) && c.swedish[w] && !c.code[w] && !c.a.word(w).stop
}

// words returns the distinct prose forms of page i that are candidates,
// rarest first, then longest, then alphabetically.
func (c *corpus) words(i, n int) []string {
	seen := map[string]bool{}
	var out []string
	for _, b := range c.pages[i].prose {
		for _, t := range b {
			if !seen[t.word] && c.candidate(t.word, n) {
				seen[t.word] = true
				out = append(out, t.word)
			}
		}
	}
	sort.Slice(out, func(x, y int) bool {
		a, b := out[x], out[y]
		if da, db := len(c.stemPages[c.stem(a)]), len(c.stemPages[c.stem(b)]); da != db {
			return da < db
		}
		if la, lb := utf8.RuneCountInString(a), utf8.RuneCountInString(b); la != lb {
			return la > lb
		}
		return a < b
	})
	return out
}

func (c *corpus) stem(w string) string { return c.a.word(w).stem }

func (c *corpus) slugs(pages []int) []string {
	var out []string
	for _, i := range pages {
		out = append(out, c.pages[i].page.Slug)
	}
	return out
}

func (c *corpus) one(i int) []string { return []string{c.pages[i].page.Slug} }

// withPrefix returns the forms that begin with p.
func (c *corpus) withPrefix(p string) []string { return prefixed(c.vocab, p) }

// withSuffix returns the forms that end with p.
func (c *corpus) withSuffix(p string) []string {
	var out []string
	for _, r := range prefixed(c.reversed, reverse(p)) {
		out = append(out, reverse(r))
	}
	return out
}

// foldedPrefix returns the forms whose folded spelling begins with p.
func (c *corpus) foldedPrefix(p string) []string {
	var out []string
	for _, f := range prefixed(c.folded, p) {
		_, form, _ := strings.Cut(f, "\t")
		out = append(out, form)
	}
	return out
}

// prefixed returns the strings of sorted that begin with p.
func prefixed(sorted []string, p string) []string {
	i := sort.SearchStrings(sorted, p)
	j := i
	for j < len(sorted) && strings.HasPrefix(sorted[j], p) {
		j++
	}
	return sorted[i:j]
}

func reverse(s string) string {
	r := []rune(s)
	slices.Reverse(r)
	return string(r)
}

// pagesOf returns the pages that hold any of forms.
func (c *corpus) pagesOf(forms []string) []int {
	set := map[int]bool{}
	for _, f := range forms {
		for _, p := range c.formPages[f] {
			set[p] = true
		}
	}
	out := make([]int, 0, len(set))
	for p := range set {
		out = append(out, p)
	}
	sort.Ints(out)
	return out
}

// word: a word that only one page has, in a stem on at most two.
func (c *corpus) word(i int) []Query {
	var out []Query
	for _, w := range c.words(i, 7) {
		if len(c.formPages[w]) == 1 && len(c.stemPages[c.stem(w)]) <= 2 {
			out = append(out, Query{Text: w, Expect: c.one(i), Note: "the only page with this form"})
		}
	}
	return out
}

// inflectional endings of Swedish nouns, adjectives and verbs; no
// derivational ones (-are, -ning), which make another word.
var endings = []string{"", "a", "e", "n", "t", "r", "s", "en", "et", "er", "ar", "or", "na", "ns", "ts", "de", "te", "ad", "at", "as",
	"ens", "ets", "ers", "ars", "ors", "ena", "ade", "ast", "erna", "arna", "orna", "aste", "enas", "ernas", "arnas", "ornas"}

// inflection: another form of a word of the page, found in the corpus
// (the same base before another inflectional ending), that the page does
// not have; at most three pages have any form of the word.
func (c *corpus) inflection(i int) []Query {
	p := c.pages[i]
	var out []Query
	for _, w := range c.words(i, 6) {
		for _, e1 := range endings {
			base, ok := strings.CutSuffix(w, e1)
			if !ok || utf8.RuneCountInString(base) < 5 {
				continue
			}
			for _, e2 := range endings {
				q := base + e2
				if e2 == e1 || p.forms[q] > 0 || len(c.formPages[q]) == 0 || len(c.formPages[q]) > 2 || !c.candidate(q, 5) {
					continue
				}
				// Few pages have any form of the word, read either way.
				if len(c.pagesOf(slices.Concat(c.family(w), c.family(q)))) > 3 {
					continue
				}
				out = append(out, Query{Text: q, Expect: c.one(i), Note: w + " on the page"})
			}
		}
	}
	return out
}

// compoundPart: a word the page has only inside compounds (both parts
// words of the corpus), as the first part, the last part, or the first
// before a linking s; few pages have the word alone or in compounds.
func (c *corpus) compoundPart(i int) []Query {
	p := c.pages[i]
	var out []Query
	word := func(s string) bool { return len(c.formPages[s]) > 0 && c.candidate(s, 4) }
	ok := func(part string) bool {
		if !word(part) || p.stems[c.stem(part)] {
			return false
		}
		family := c.family(part)
		for _, f := range family {
			if p.forms[f] > 0 {
				return false
			}
		}
		alone := c.pagesOf(family)
		return len(alone) <= 2 && len(c.partPages(slices.Concat(family, c.bases(part)), alone)) <= 5
	}
	for _, w := range c.words(i, 9) {
		r := []rune(w)
		for k := 4; k+4 <= len(r); k++ {
			head, tail := string(r[:k]), string(r[k:])
			if word(head) && ok(tail) {
				out = append(out, Query{Text: tail, Expect: c.one(i), Note: "last part of " + w, group: "last"})
			}
			if s, found := strings.CutSuffix(head, "s"); word(tail) && ok(head) && !(found && word(s)) {
				out = append(out, Query{Text: head, Expect: c.one(i), Note: "first part of " + w, group: "first"})
			}
			if s, found := strings.CutSuffix(head, "s"); found && utf8.RuneCountInString(s) >= 4 && word(tail) && ok(s) {
				out = append(out, Query{Text: s, Expect: c.one(i), Note: "first part of " + w + ", linking s", group: "linking"})
			}
		}
	}
	return out
}

// partPages returns the pages that have a form of a word alone (alone) or
// one of its forms or bases at the start or end of a longer word.
func (c *corpus) partPages(family []string, alone []int) []int {
	set := map[int]bool{}
	for _, i := range alone {
		set[i] = true
	}
	for _, f := range family {
		for _, i := range c.pagesOf(slices.Concat(c.withPrefix(f), c.withSuffix(f))) {
			set[i] = true
		}
	}
	return sortedInts(set)
}

// bases returns w's stem and w without each inflectional ending, four
// letters or more, whether the corpus has them or not.
func (c *corpus) bases(w string) []string {
	out := []string{c.stem(w)}
	for _, e := range endings {
		if base, ok := strings.CutSuffix(w, e); ok && utf8.RuneCountInString(base) >= 4 {
			out = append(out, base)
		}
	}
	return out
}

// family returns the forms of the corpus that may be forms of the word w:
// those with its stem, and those that are its base before another
// inflectional ending (a better stemmer than Snowball's would join them).
func (c *corpus) family(w string) []string {
	set := map[string]bool{w: true}
	for _, f := range c.stemForms[c.stem(w)] {
		set[f] = true
	}
	for _, e1 := range endings {
		base, ok := strings.CutSuffix(w, e1)
		if !ok || utf8.RuneCountInString(base) < 4 {
			continue
		}
		for _, e := range endings {
			if len(c.formPages[base+e]) > 0 {
				set[base+e] = true
			}
		}
	}
	return sortedKeys(set)
}

func sortedInts(set map[int]bool) []int {
	out := make([]int, 0, len(set))
	for i := range set {
		out = append(out, i)
	}
	sort.Ints(out)
	return out
}

// noDiacritics: a rare word with å ä ö typed without them; the folded
// spelling is no word of the corpus and few words fold to it.
func (c *corpus) noDiacritics(i int) []Query {
	var out []Query
	for _, w := range c.words(i, 5) {
		f := fold(w)
		if f == w || len(c.formPages[f]) > 0 || len(c.stemPages[c.stem(w)]) > 2 {
			continue
		}
		if len(c.pagesOf(c.foldedPrefix(f))) <= 3 {
			out = append(out, Query{Text: f, Expect: c.formPagesSlugs(w), Note: w + " on the page"})
		}
	}
	return out
}

func (c *corpus) formPagesSlugs(w string) []string { return c.slugs(c.formPages[w]) }

// typo: a rare word with one edit (two from nine letters on every other
// page), never the first letter: a swap, a letter left out, doubled or
// replaced by its neighbour on the keyboard. The typo is no word of the
// corpus, begins none, and few pages have a word that close to it.
func (c *corpus) typo(i int) []Query {
	var out []Query
	h := hash(c.pages[i].page.Slug)
	for _, w := range c.words(i, 7) {
		if len(c.formPages[w]) > 2 || len(c.stemPages[c.stem(w)]) > 2 {
			continue
		}
		r := []rune(w)
		edits := 1
		if len(r) >= 9 && h%2 == 0 {
			edits = 2
		}
		t := r
		for e := range edits {
			t = edit(t, h>>(8*e))
		}
		typo := string(t)
		// A typo that begins a word, or without å ä ö begins one's folded
		// spelling, is completed, and kb then tries no typos.
		if typo == w || len(c.withPrefix(typo)) > 0 || len(c.foldedPrefix(typo)) > 0 {
			continue
		}
		var close []string
		for _, g := range c.byFirst[typo[0]] {
			if d := len(g) - len(typo); d <= 2*edits && d >= -2*edits && osa([]rune(g), t) <= edits {
				close = append(close, g)
			}
		}
		if len(c.pagesOf(close)) <= 3 && slices.Contains(close, w) {
			out = append(out, Query{Text: typo, Expect: c.formPagesSlugs(w), Note: fmt.Sprintf("%s, %d edit(s)", w, edits)})
			if len(out) == 3 {
				break // enough to choose from
			}
		}
	}
	return out
}

// neighbours of letters on a Swedish keyboard, for replaced letters.
var neighbours = map[rune]string{'a': "s", 'b': "n", 'c': "v", 'd': "f", 'e': "r", 'f': "g", 'g': "h", 'h': "j", 'i': "o", 'j': "k", 'k': "l",
	'l': "k", 'm': "n", 'n': "m", 'o': "p", 'p': "o", 'q': "w", 'r': "t", 's': "d", 't': "y", 'u': "i", 'v': "b", 'w': "e", 'x': "c", 'y': "u", 'z': "x",
	'å': "p", 'ä': "ö", 'ö': "ä", 'é': "e"}

// edit makes one typo in r, chosen by h, never at the first letter.
func edit(r []rune, h uint64) []rune {
	i := 1 + int(h/4%uint64(len(r)-2)) // 1 … len-2
	out := slices.Clone(r)
	switch h % 4 {
	case 0: // two letters swapped
		out[i], out[i+1] = out[i+1], out[i]
		if out[i] == out[i+1] {
			return slices.Delete(out, i, i+1)
		}
	case 1: // a letter left out
		out = slices.Delete(out, i, i+1)
	case 2: // a letter doubled
		out = slices.Insert(out, i, out[i])
	case 3: // its neighbour on the keyboard
		if n, ok := neighbours[out[i]]; ok {
			out[i] = []rune(n)[0]
		} else {
			out = slices.Delete(out, i, i+1)
		}
	}
	return out
}

// osa is the edit distance with swaps of neighbours (optimal string
// alignment), as kb counts typos.
func osa(a, b []rune) int {
	if d := len(a) - len(b); d > 2 || d < -2 {
		return 3
	}
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}

// prefix: the shortest beginning (four letters or more, not the whole
// word but two) of a rare word that few words and pages begin with.
func (c *corpus) prefix(i int) []Query {
	var out []Query
	for _, w := range c.words(i, 9) {
		if len(c.formPages[w]) > 2 {
			continue
		}
		r := []rune(w)
		for n := 4; n <= len(r)-2; n++ {
			pre := string(r[:n])
			forms := c.withPrefix(pre)
			if fold(pre) == pre {
				forms = c.foldedPrefix(pre) // kb completes folded forms too
			}
			if len(c.formPages[pre]) > 0 || len(forms) > 10 || len(c.pagesOf(forms)) > 3 {
				continue
			}
			out = append(out, Query{Text: pre, Expect: c.formPagesSlugs(w), Note: "begins " + w})
			break
		}
	}
	return out
}

// twoWords: two words of the page, each on 6 to 60 pages (so that neither
// alone finds it), together on at most two.
func (c *corpus) twoWords(i int) []Query {
	var ws []string
	for _, w := range c.words(i, 5) {
		if n := len(c.stemPages[c.stem(w)]); n >= 6 && n <= 60 {
			ws = append(ws, w)
		}
	}
	var out []Query
	for x := 0; x < len(ws) && len(out) < 3; x++ {
		for y := x + 1; y < len(ws) && len(out) < 3; y++ {
			a, b := ws[x], ws[y]
			if c.stem(a) == c.stem(b) {
				continue
			}
			both := intersect(c.stemPages[c.stem(a)], c.stemPages[c.stem(b)])
			if len(both) <= 2 {
				out = append(out, Query{Text: a + " " + b, Expect: c.slugs(both),
					Note: fmt.Sprintf("on %d and %d pages, together on %d", len(c.stemPages[c.stem(a)]), len(c.stemPages[c.stem(b)]), len(both))})
			}
		}
	}
	return out
}

// intersect returns the pages of both ascending lists.
func intersect(a, b []int) []int {
	var out []int
	for len(a) > 0 && len(b) > 0 {
		switch {
		case a[0] < b[0]:
			a = a[1:]
		case a[0] > b[0]:
			b = b[1:]
		default:
			out = append(out, a[0])
			a, b = a[1:], b[1:]
		}
	}
	return out
}

// stopWords: two to five stop words that stand together on the page,
// else the two or three rarest stop words of one of its blocks, in their
// order there; all of them are on at most five pages, so a search that
// takes their exact forms finds the page in the top 5 however it ranks.
func (c *corpus) stopWords(i int) []Query {
	var runs, rare []Query
	together := func(forms []string) []int {
		pages := c.formPages[forms[0]]
		for _, f := range forms[1:] {
			pages = intersect(pages, c.formPages[f])
		}
		return pages
	}
	for _, b := range c.pages[i].prose {
		for s := 0; s < len(b); s++ {
			for e := s + 2; e <= min(s+5, len(b)); e++ {
				if !allStop(b[s:e]) {
					break
				}
				var forms []string
				for _, t := range b[s:e] {
					forms = append(forms, t.word)
				}
				if n := len(together(forms)); n <= 5 {
					runs = append(runs, Query{Text: strings.Join(forms, " "), Expect: c.one(i), Note: fmt.Sprintf("together on the page, all on %d page(s)", n)})
				}
			}
		}
		var stops []string // the block's stop words, in order
		for _, t := range b {
			if t.stop && letters(t.word) && !slices.Contains(stops, t.word) {
				stops = append(stops, t.word)
			}
		}
		byRarity := slices.Clone(stops)
		sort.SliceStable(byRarity, func(x, y int) bool { return len(c.formPages[byRarity[x]]) < len(c.formPages[byRarity[y]]) })
		for n := 2; n <= 3 && n <= len(byRarity); n++ {
			pick := byRarity[:n]
			var forms []string
			for _, w := range stops {
				if slices.Contains(pick, w) {
					forms = append(forms, w)
				}
			}
			if k := len(together(forms)); k <= 5 {
				rare = append(rare, Query{Text: strings.Join(forms, " "), Expect: c.one(i), Note: fmt.Sprintf("in one block, all on %d page(s)", k)})
				break
			}
		}
	}
	return append(runs, rare...)
}

func allStop(run []token) bool {
	for k, t := range run {
		if !t.stop || !letters(t.word) || k > 0 && !t.joined {
			return false
		}
	}
	return true
}

// phrase: two or three words of four letters or more in a row, no stop
// words, whose stems stand in that order on at most two pages while all of
// them are on phraseSpread or more: without the phrase, the page would be
// one of many.
func (c *corpus) phrase(i int) []Query {
	var out []Query
	for _, b := range c.pages[i].prose {
		for s := 0; s < len(b); s++ {
			for n := 2; n <= 3 && s+n <= len(b); n++ {
				run := b[s : s+n]
				if !c.phraseWords(run) {
					break
				}
				stems := stemsOf(run)
				all := c.stemPages[stems[0]]
				for _, st := range stems[1:] {
					all = intersect(all, c.stemPages[st])
				}
				if len(all) < phraseSpread {
					continue
				}
				var in []int
				for _, p := range all {
					if c.pages[p].hasRun(stems) {
						in = append(in, p)
					}
				}
				if len(in) <= 2 {
					var forms []string
					for _, t := range run {
						forms = append(forms, t.word)
					}
					out = append(out, Query{Text: `"` + strings.Join(forms, " ") + `"`, Expect: c.slugs(in),
						Note: fmt.Sprintf("the words on %d pages, in this order on %d", len(all), len(in))})
					if len(out) == 3 {
						return out // enough to choose from
					}
				}
			}
		}
	}
	return out
}

func (c *corpus) phraseWords(run []token) bool {
	for k, t := range run {
		if t.stop || !c.candidate(t.word, 4) || k > 0 && !t.joined {
			return false
		}
	}
	return true
}

func stemsOf(run []token) []string {
	var out []string
	for _, t := range run {
		out = append(out, t.stem)
	}
	return out
}

// hasRun reports whether the page has the stems in a row in one block.
func (p *pageText) hasRun(stems []string) bool {
	for _, b := range p.prose {
		for s := 0; s+len(stems) <= len(b); s++ {
			ok := true
			for k, st := range stems {
				if b[s+k].stop || b[s+k].stem != st || k > 0 && !b[s+k].joined {
					ok = false
					break
				}
			}
			if ok {
				return true
			}
		}
	}
	return false
}

// How many pages the words of a phrase or near query must all be on.
const phraseSpread, nearSpread = 20, 15

// nearWindow is how close the words of a "near" query stand on their
// page: at most this many words apart, in one block.
const nearWindow = 4

// engineWindow is how close words stand that the search counts as near:
// within one span of index.NearWindow (8) positions, so at most 7 words
// apart. A near query is fair when few pages have its words that close.
const engineWindow = 7

// near: two words of six letters or more of one block, two to four words
// apart, both on nearSpread or more pages, that stand within engineWindow
// of each other on at most two.
func (c *corpus) near(i int) []Query {
	var out []Query
	for _, b := range c.pages[i].prose {
		for x := range b {
			for y := x + 2; y <= x+nearWindow && y < len(b); y++ {
				a, z := b[x], b[y]
				if a.stop || z.stop || a.stem == z.stem || !c.candidate(a.word, 6) || !c.candidate(z.word, 6) {
					continue
				}
				all := intersect(c.stemPages[a.stem], c.stemPages[z.stem])
				if len(all) < nearSpread {
					continue
				}
				var in []int
				for _, p := range all {
					if c.pages[p].near(a.stem, z.stem, engineWindow) {
						in = append(in, p)
					}
				}
				if len(in) <= 2 {
					out = append(out, Query{Text: a.word + " " + z.word, Expect: c.slugs(in),
						Note: fmt.Sprintf("%d words apart; both on %d pages, within 7 words on %d", y-x, len(all), len(in))})
					if len(out) == 3 {
						return out // enough to choose from
					}
				}
			}
		}
	}
	return out
}

// near reports whether the stems stand at most window words apart in one
// block.
func (p *pageText) near(a, b string, window int) bool {
	for _, bl := range p.prose {
		last := map[string]int{a: -100, b: -100}
		for k, t := range bl {
			if t.stop || (t.stem != a && t.stem != b) {
				continue
			}
			other := a
			if t.stem == a {
				other = b
			}
			if k-last[other] <= window {
				return true
			}
			last[t.stem] = k
		}
	}
	return false
}

func hash(s string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(s))
	return h.Sum64()
}
