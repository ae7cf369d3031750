package main

// The section "Search on real Swedish text" of RESULTS.md: kb's query set
// for bench/svreal's real pages, through both engines in the browser
// (known_items in run.sh, searchbench known).

import (
	"fmt"
	"strconv"
	"strings"
)

type knownQuery struct {
	n                     int
	kind, q, expect, note string
}

// knownResult is one engine's answer to one query.
type knownResult struct {
	pass        bool
	rank, total int
	top         []string // slugs of the top 10, or one "error: …"
}

type knownData struct {
	queries []knownQuery
	results map[string]map[int]knownResult // engine → query number
	split   []int                          // compound: right, compounds, wrong, false, simple
}

func (k *knownData) add(f []string) error {
	if k.results == nil {
		k.results = map[string]map[int]knownResult{}
	}
	atoi := func(x string) (int, error) { return strconv.Atoi(x) }
	switch f[0] {
	case "compound":
		if len(f) != 6 {
			return fmt.Errorf("cannot read %q", strings.Join(f, "\t"))
		}
		k.split = nil
		for _, x := range f[1:] {
			n, err := atoi(x)
			if err != nil {
				return err
			}
			k.split = append(k.split, n)
		}
	case "kquery":
		if len(f) < 5 {
			return fmt.Errorf("cannot read %q", strings.Join(f, "\t"))
		}
		n, err := atoi(f[1])
		if err != nil {
			return err
		}
		q := knownQuery{n: n, kind: f[2], q: f[3], expect: f[4]}
		if len(f) > 5 {
			q.note = f[5]
		}
		k.queries = append(k.queries, q)
	case "kresult":
		if len(f) < 6 {
			return fmt.Errorf("cannot read %q", strings.Join(f, "\t"))
		}
		n, err1 := atoi(f[2])
		rank, err2 := atoi(f[4])
		total, err3 := atoi(f[5])
		if err1 != nil || err2 != nil || err3 != nil || (f[3] != "0" && f[3] != "1") {
			return fmt.Errorf("cannot read %q", strings.Join(f, "\t"))
		}
		r := knownResult{pass: f[3] == "1", rank: rank, total: total}
		if len(f) > 6 {
			if strings.HasPrefix(f[6], "error: ") {
				r.top = []string{f[6]}
			} else {
				r.top = strings.Fields(f[6])
			}
		}
		if k.results[f[1]] == nil {
			k.results[f[1]] = map[int]knownResult{}
		}
		k.results[f[1]][n] = r
	}
	return nil
}

// knownKinds say in a few words what each kind of query of
// bench/svreal/queries.tsv tests.
var knownKinds = map[string]string{
	"word":          "a word as written that only the page has",
	"inflection":    "another inflected form of a word of the page",
	"compound-part": "a word the page has only inside compounds",
	"no-diacritics": "a word with å ä ö typed as a a o",
	"typo":          "a word with one edit (two from nine letters), first letter right",
	"prefix":        "the first letters (four or more) of a word, as typed",
	"two-words":     "two words of the page, together on at most two pages",
	"stop-words":    "only Swedish stop words",
	"phrase":        "two or three words in a row, in quotes",
	"near":          "two words two to four words apart on the page, within 7 words on at most two pages",
}

// knownGoal is the share of a kind's queries kb is to pass (issue 13).
const knownGoal = 0.98

func knownSection(d *data) string {
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	k := &d.known
	m := d.meta
	p("## Search on real Swedish text\n\n")
	if len(k.queries) == 0 {
		p("Not measured in this run")
		for _, sk := range d.skips {
			if sk[0] == "known" {
				p(": %s", sk[1])
			}
		}
		p(".\n\n")
		return b.String()
	}
	top := m["known_top"]
	p("The corpus is %s real Swedish public-sector pages that were not written for this project: Försäkringskassan's design system documentation, DIGG's guidance on open source, JobTech Development's site (Arbetsförmedlingen) and Socialdepartementet's statutes (SFS), each with its licence ([`svreal/corpus/SOURCES.md`](svreal/corpus/SOURCES.md)). ", m["known_pages"])
	p("`%s` makes a kb project of them (each page a free page, `/sidor/<slug>/`), `kb build` builds it with kb's index, and Pagefind indexes the very same built pages (`%s`), so both engines hold those pages and nothing else (searchbench checks both indexes' page counts against the site).\n\n", cmdOf(d, "known-project"), cmdOf(d, "known-pagefind"))
	p("The %d queries are kb's own known-item set, `svreal/queries.tsv`: each names the page or pages it is written to find, and passes when one of them is among an engine's first %s results; how they were made is in [`svreal/README.md`](svreal/README.md). ", len(k.queries), top)
	p("Each query ran once through each engine in headless Chromium, as above, as a reader types it (quotes included; kb completes the last word as a prefix, as its search page does): kb's `search(q, {limit: 10})`, Pagefind's `search(q)` and `data()` of its first 10 results (`searchbench known`).\n\n")

	type count struct{ n, kb, pf int }
	var kinds []string
	counts := map[string]*count{}
	total := &count{}
	for _, q := range k.queries {
		c := counts[q.kind]
		if c == nil {
			c = &count{}
			counts[q.kind] = c
			kinds = append(kinds, q.kind)
		}
		for _, t := range []*count{c, total} {
			t.n++
			if k.results["kb"][q.n].pass {
				t.kb++
			}
			if k.results["pagefind"][q.n].pass {
				t.pf++
			}
		}
	}
	share := func(a, n int) string {
		if n == 0 {
			return "–"
		}
		// One decimal: 39 of 40 is 97.5 %, below the goal of 98 %.
		pct := strconv.FormatFloat(100*float64(a)/float64(n), 'f', 1, 64)
		return fmt.Sprintf("%d (%s %%)", a, strings.TrimSuffix(pct, ".0"))
	}
	met := func(a, n int) string {
		if float64(a) >= knownGoal*float64(n) {
			return "yes"
		}
		return "**no**"
	}
	p("| kind | what the query is | queries | kb passed | Pagefind passed | kb ≥ %.0f %% |\n|---|---|---:|---:|---:|---|\n", 100*knownGoal)
	for _, kind := range kinds {
		c := counts[kind]
		p("| %s | %s | %d | %s | %s | %s |\n", kind, knownKinds[kind], c.n, share(c.kb, c.n), share(c.pf, c.n), met(c.kb, c.n))
	}
	p("| **all** | | %d | **%s** | **%s** | %s |\n\n", total.n, share(total.kb, total.n), share(total.pf, total.n), met(total.kb, total.n))

	if sp := k.split; len(sp) == 5 {
		right, compounds, wrong, falseSplits, simple := sp[0], sp[1], sp[2], sp[3], sp[4]
		p("### Compound splitting\n\n")
		p("kb splits a compound into Swedish words with a lexicon derived from Debian's hunspell-sv, so that a part finds the compounds that hold it (`symptom` finds `förkylningssymptom`). On lists of real words from these pages (`generator/internal/search/compound/testdata`: compounds with their parts, and simple words that a naive split would cut), as its test `TestRealWords` counts them:\n\n")
		p("| | words | split right | split wrong | not split | recall | precision |\n|---|---:|---:|---:|---:|---:|---:|\n")
		pct := func(a, n int) string {
			if n == 0 {
				return "–"
			}
			return strconv.FormatFloat(100*float64(a)/float64(n), 'f', 1, 64) + " %"
		}
		p("| compounds | %d | %d | %d | %d | %s | %s |\n", compounds, right, wrong, compounds-right-wrong, pct(right, compounds), pct(right, right+wrong+falseSplits))
		p("| simple words | %d | – | %d | %d | | |\n\n", simple, falseSplits, simple-falseSplits)
		p("Recall is the compounds split into the right parts; precision the right splits among all splits made, simple words split included.\n\n")
	}

	p("### Every miss\n\n")
	var misses []knownQuery
	for _, q := range k.queries {
		if !k.results["kb"][q.n].pass || !k.results["pagefind"][q.n].pass {
			misses = append(misses, q)
		}
	}
	if len(misses) == 0 {
		p("Neither engine missed a query.\n\n")
		return b.String()
	}
	p("The queries that either engine missed; for each engine ✓ and the expected page's place, or ✗ and its first three results (slugs of `/sidor/<slug>/`), with the expected page's place when it came in the top 10 below the first %s.\n\n", top)
	p("| kind | query | expected | kb | Pagefind |\n|---|---|---|---|---|\n")
	for _, q := range misses {
		p("| %s | %s | %s | %s | %s |\n", q.kind, codeCell(q.q), codeList(strings.Fields(q.expect)), knownCell(k.results["kb"], q.n), knownCell(k.results["pagefind"], q.n))
	}
	p("\n")
	return b.String()
}

// knownCell is what one engine did with one query, in short.
func knownCell(rs map[int]knownResult, n int) string {
	r, ok := rs[n]
	if !ok {
		return "–"
	}
	if r.pass {
		return fmt.Sprintf("✓ %s", ordinal(r.rank))
	}
	if len(r.top) == 1 && strings.HasPrefix(r.top[0], "error: ") {
		return "✗ " + escCell(r.top[0])
	}
	if len(r.top) == 0 {
		return "✗ no results"
	}
	s := "✗ " + codeList(r.top[:min(3, len(r.top))])
	if r.total > 3 {
		s += fmt.Sprintf(" (of %d)", r.total)
	}
	if r.rank > 0 {
		s += fmt.Sprintf("; expected %s", ordinal(r.rank))
	}
	return s
}

func ordinal(n int) string {
	suffix := "th"
	switch {
	case n%100 >= 11 && n%100 <= 13:
	case n%10 == 1:
		suffix = "st"
	case n%10 == 2:
		suffix = "nd"
	case n%10 == 3:
		suffix = "rd"
	}
	return strconv.Itoa(n) + suffix
}

func codeList(v []string) string {
	s := make([]string, len(v))
	for i, x := range v {
		s[i] = codeCell(x)
	}
	return strings.Join(s, ", ")
}

// codeCell is s as code in a table cell.
func codeCell(s string) string {
	return "`" + escCell(strings.ReplaceAll(s, "`", "'")) + "`"
}

func escCell(s string) string { return strings.ReplaceAll(s, "|", `\|`) }
