// Package compound splits Swedish compound words into their parts, so that
// a reader's symptom finds förkylningssymptom and pedagoger finds
// förskolepedagoger. A word is split into a head and a tail: the head a
// form that may begin a compound (a word as written, or with the linking
// letter Swedish puts there: förkylnings-, förskole-, gatu-), the tail a
// word that may end one or, recursively, another compound. Both come from
// an embedded lexicon derived from the Swedish hunspell dictionary
// (lexicon.txt, see README.md), and, for words the dictionary lacks, from
// the words of the pages themselves (Words). A word is never split when
// it is an inflection of a dictionary word that is not itself a compound
// (storleken is storlek, not stor|leken), nor into endings that read as
// words (het, bar, lek, eras), nor into parts shorter than three letters.
// New returns a Splitter; Splitter.Split is the entry point.
package compound

import (
	"bufio"
	_ "embed"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// MinPart is the least number of letters of a part; MinWord that of a word
// worth splitting.
const (
	MinPart = 3
	MinWord = 6
)

//go:embed lexicon.txt
var lexiconText string

// lexicon is lexicon.txt, read once.
type lexicon struct {
	heads  map[string]string // a form that may begin a compound → its dictionary word
	tails  map[string]bool   // stems of words that may end a compound
	simple map[string]bool   // stems of dictionary words that are no compounds
}

var (
	lexOnce sync.Once
	lex     *lexicon
)

func loadLexicon() *lexicon {
	lexOnce.Do(func() { lex = parseLexicon(lexiconText) })
	return lex
}

// parseLexicon reads the format README.md gives: sections [heads], [tails]
// and [simple], a word per line; a head's line may give its dictionary
// word after a space.
func parseLexicon(text string) *lexicon {
	l := &lexicon{heads: map[string]string{}, tails: map[string]bool{}, simple: map[string]bool{}}
	sc := bufio.NewScanner(strings.NewReader(text))
	section := ""
	for sc.Scan() {
		line := sc.Text()
		switch {
		case line == "" || line[0] == '#':
		case line[0] == '[':
			section = line
		case section == "[heads]":
			form, base, ok := strings.Cut(line, " ")
			if !ok {
				base = form
			}
			l.heads[form] = base
		case section == "[tails]":
			l.tails[line] = true
		case section == "[simple]":
			l.simple[line] = true
		}
	}
	return l
}

// Suffixes are endings of derived words that are also words of their own
// or forms of one; as tails they would split ordinary words (spårbar|het,
// stor|lek, arkiv|eras), so no part is one of them.
var Suffixes = map[string]bool{
	"are": true, "arna": true, "erna": true, "orna": true, "ande": true, "ende": true,
	"het": true, "heten": true, "heter": true, "ning": true, "ningen": true, "ningar": true,
	"lig": true, "liga": true, "ligt": true, "else": true, "skap": true, "isk": true,
	"iska": true, "tion": true, "ion": true, "ell": true, "ella": true, "ens": true,
	"ers": true, "ors": true, "ast": true, "aste": true, "ade": true, "ing": true,
	"ingen": true, "ism": true, "ist": true, "tet": true, "ras": true, "rar": true,
	"bar": true, "bara": true, "bart": true, "lek": true, "leken": true, "lekar": true,
	"dom": true, "domen": true, "sam": true, "samt": true, "samma": true, "eri": true,
	"era": true, "eras": true, "erar": true, "erade": true, "erat": true, "aktig": true,
	"mässig": true, "vis": true, "ring": true, "ska": true, "varig": true, "varigt": true,
	"variga": true, "logi": true, "logisk": true, "ans": true, "ser": true, "sera": true,
}

// particles are prepositions and adverbs that begin verbs and the nouns
// made from them (uppdrag, framsteg, återkoppling) rather than compounds;
// the Swedish stop words (för, till, genom, under, mot…) are left out as
// heads too.
var particles = map[string]bool{
	"upp": true, "fram": true, "bort": true, "ner": true, "ned": true, "åter": true,
	"samman": true, "emot": true, "förbi": true, "bakom": true, "omkring": true,
	"utom": true, "inom": true, "bland": true, "kring": true, "runt": true,
	"sönder": true, "iväg": true, "undan": true, "ihop": true, "itu": true, "tillbaka": true,
	"fort": true, "vidare": true, "förut": true, "fortsatt": true, "genom": true,
}

// Words tells whether a word form of the pages may be a part, for words
// the dictionary does not know: the index passes forms found on at least
// two pages.
type Words func(form string) bool

// Splitter splits words. It is safe for concurrent use once made, but
// Split keeps no cache: call it once per distinct word.
type Splitter struct {
	lex   *lexicon
	stem  func(word string) string
	words Words
}

// New returns a Splitter that stems with stem (the search analysis: the
// lexicon's tails and simple words are stems of that analysis) and takes
// words the lexicon lacks from words (nil: the lexicon alone).
func New(stem func(word string) string, words Words) *Splitter {
	if words == nil {
		words = func(string) bool { return false }
	}
	return &Splitter{lex: loadLexicon(), stem: stem, words: words}
}

// Split returns the stems of the parts of word, a lower-cased word form:
// the head's (förkylning for förkylnings-), then the tail's, each followed
// by the stems of its own parts when it is a compound too; nil when word
// is no compound; then the stems of the compounds word ends with
// (pensionsverk in tjänstepensionsverk). Parts are at least MinPart
// letters.
func (s *Splitter) Split(word string) []string {
	if utf8.RuneCountInString(word) < MinWord {
		return nil
	}
	for _, st := range s.stems(word) {
		if s.lex.simple[st] {
			return nil
		}
	}
	parts, ok := s.split(word, 0)
	if !ok {
		return nil
	}
	// The compounds the word ends with: pensionsverk in
	// tjänstepensionsverk, datalagen in patientdatalagen.
	for i := 1; i < len(word); i++ {
		if !utf8.RuneStart(word[i]) || utf8.RuneCountInString(word[i:]) < MinWord {
			continue
		}
		if _, ok := s.part(word[i:], 1); ok {
			if st := s.stem(word[i:]); st != "" && !slices.Contains(parts, st) {
				parts = append(parts, st)
			}
		}
	}
	return parts
}

// maxDepth bounds the recursion: no Swedish compound has more parts.
const maxDepth = 5

func (s *Splitter) split(w string, depth int) ([]string, bool) {
	if depth > maxDepth {
		return nil, false
	}
	// From the longest head down, first with a tail that is a word, then
	// with one that is a compound: allmän|tandvården, not
	// allmänt|and|vården.
	for _, direct := range []bool{true, false} {
		if parts, ok := s.splitAt(w, depth, direct); ok {
			return parts, true
		}
	}
	return nil, false
}

// splitAt tries the heads of w from the longest down, with a tail that is
// a word (direct) or a compound.
func (s *Splitter) splitAt(w string, depth int, direct bool) ([]string, bool) {
	for i := len(w) - 1; i > 0; i-- {
		if !utf8.RuneStart(w[i]) {
			continue
		}
		head, tail := w[:i], w[i:]
		if utf8.RuneCountInString(tail) < MinPart || utf8.RuneCountInString(head) < MinPart {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(tail); strings.ContainsRune(vowels, r) && utf8.RuneCountInString(head) < 4 {
			continue // akt|iverade, and|orra: a short head before a vowel is rarely a word
		}
		base, ok := s.head(head)
		if !ok {
			continue
		}
		if strings.HasSuffix(head, "s") {
			// The linking s or the tail's first letter: fosterskador is
			// foster|skador, not fosters|kador.
			if b, ok := s.head(head[:len(head)-1]); ok {
				if _, ok := s.tail(w[i-1:]); ok {
					head, tail, base = head[:len(head)-1], w[i-1:], b
				}
			}
		}
		var tailParts []string
		if st, ok := s.tail(tail); ok {
			sub, _ := s.part(tail, depth+1)
			tailParts = append(add(nil, st), sub...)
		} else if direct {
			continue
		} else if sub, ok := s.part(tail, depth+1); ok {
			tailParts = sub
			if st, ok := s.tailWord(tail); ok {
				tailParts = append(add(nil, st), sub...)
			}
		} else {
			continue
		}
		parts := add(nil, s.stem(base))
		if sub, ok := s.part(base, depth+1); ok {
			parts = append(parts, sub...)
		}
		return append(parts, tailParts...), true
	}
	return nil, false
}

// part splits a part of a compound further, unless it is a simple word
// of the dictionary (intervall is no int|vall).
func (s *Splitter) part(w string, depth int) ([]string, bool) {
	for _, st := range s.stems(w) {
		if s.lex.simple[st] {
			return nil, false
		}
	}
	return s.split(w, depth)
}

const vowels = "aeiouyåäöé"

// add appends a part's stem, unless it is a stop word's ("").
func add(parts []string, stem string) []string {
	if stem == "" {
		return parts
	}
	return append(parts, stem)
}

// head reports whether h may begin a compound, and the word it stands for.
func (s *Splitter) head(h string) (string, bool) {
	if Suffixes[h] || particles[h] || s.stem(h) == "" {
		return "", false // a prefix or particle: försäkring, genomföra, uppdrag
	}
	if base, ok := s.lex.heads[h]; ok && !Suffixes[base] && s.stem(base) != "" {
		return base, true
	}
	if s.words(h) {
		return h, true
	}
	// A word of the pages with the linking s (kvälls-, läkemedels-); the
	// word at least four letters, as a shorter one with an s splits
	// ordinary words.
	if n := len(h); h[n-1] == 's' && utf8.RuneCountInString(h[:n-1]) >= 4 && s.words(h[:n-1]) && !Suffixes[h[:n-1]] {
		return h[:n-1], true
	}
	return "", false
}

// tail reports whether t, as written, is a word that may end a compound,
// and its stem.
func (s *Splitter) tail(t string) (string, bool) {
	if Suffixes[t] || s.stem(t) == "" {
		return "", false
	}
	for _, st := range s.stems(t) {
		if Suffixes[st] || utf8.RuneCountInString(st) < MinPart {
			return "", false
		}
		if s.lex.tails[st] {
			return st, true
		}
	}
	if s.words(t) {
		return s.stem(t), true
	}
	return "", false
}

// stems returns the stems t may have: its own, that of t without the
// genitive s, and those without a definite ending the Snowball stemmer
// leaves: the neuter -et (låset is
// lås, programmet program, samtalets samtal) and the -n of words in -a
// and -i (rundan is runda, kameran kamera, garantin garanti).
func (s *Splitter) stems(t string) []string {
	out := []string{s.stem(t)}
	forms := []string{t}
	if g, ok := strings.CutSuffix(t, "s"); ok && utf8.RuneCountInString(g) >= MinPart {
		out = append(out, s.stem(g)) // the genitive: gruppers is grupper
		forms = append(forms, g)
	}
	for _, f := range forms {
		for _, end := range definite {
			base, ok := strings.CutSuffix(f, end.cut)
			if !ok || utf8.RuneCountInString(base) < MinPart {
				continue
			}
			base += end.put
			out = append(out, s.stem(base))
			if n := len(base); end.put == "" && n >= 2 && base[n-1] == base[n-2] && strings.IndexByte("bdfgklmnprst", base[n-1]) >= 0 {
				out = append(out, s.stem(base[:n-1])) // programm-et
			}
			break
		}
	}
	return out
}

// definite are the endings stems takes off, longest first.
var definite = []struct{ cut, put string }{{"et", ""}, {"an", "a"}, {"in", "i"}}

// tailWord reports whether t is a word of its own (a dictionary word or a
// word of the pages), so that a compound tail is a part as well as its
// parts, and its stem.
func (s *Splitter) tailWord(t string) (string, bool) {
	for _, st := range s.stems(t) {
		if s.lex.simple[st] || s.lex.tails[st] {
			return st, true
		}
	}
	if s.words(t) {
		return s.stem(t), true
	}
	return "", false
}
