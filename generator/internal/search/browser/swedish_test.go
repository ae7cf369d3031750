package browser_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"

	"kunskapsbanken/generator/internal/search/bleve"
	"kunskapsbanken/generator/internal/search/browser"
	"kunskapsbanken/generator/internal/search/index"
)

// engineFile writes the engine as kb publishes it (before minifying) into
// a temporary folder, as an ES module node loads without a package.json.
func engineFile(t testing.TB) string {
	t.Helper()
	js, err := browser.Engine()
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "sok.mjs")
	if err := os.WriteFile(p, js, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// page makes a test page about one area.
func page(url, title, summary string, area index.Value, synonyms []string, datum int, body ...string) index.Doc {
	d := index.Doc{URL: url, Type: "fallstudie", Title: title, Summary: summary}
	d.Subjects = append([]string{area.Label}, synonyms...)
	d.Facets.Areas = []index.Value{area}
	d.Facets.Published = datum
	d.Sections = []index.Section{{Text: body[0]}}
	for i := 1; i+1 < len(body); i += 2 {
		d.Sections = append(d.Sections, index.Section{ID: slug(body[i]), Heading: body[i], Text: body[i+1]})
	}
	return d
}

func slug(s string) string { return string(bytes.ToLower([]byte(s))) }

var (
	larm   = index.Value{Key: "trygghetslarm", Label: "Trygghetslarm"}
	mobila = index.Value{Key: "mobila-trygghetslarm", Label: "Mobila trygghetslarm"}
	las    = index.Value{Key: "digitala-las", Label: "Digitala lås"}
	kamera = index.Value{Key: "nattkameror", Label: "Nattkameror"}
	annat  = index.Value{Key: "ovrigt", Label: "Övrigt"}
	stod   = index.Value{Key: "stod", Label: "Stöd i vardagen"}
)

// swedishPages are written for the tests: each Swedish case has pages that
// must be found and pages that must not.
var swedishPages = []index.Doc{
	0: page("a/", "Larm i hemtjänsten", "Kommunen bytte ut de gamla larmen.", larm, []string{"larmknapp"}, 20240105,
		"Alla larm byttes till digitala under våren.", "Larmcentralen", "Samtalen går till en ny central."),
	1: page("b/", "Nattkameror på boendet", "Tillsyn på natten med kamera.", kamera, nil, 20230301,
		"Personalen gör tillsyn med kamera. Inom äldreomsorgen är det nytt."),
	2: page("c/", "Nyckelfri hemtjänst", "Hemtjänsten öppnar dörrar utan nycklar.", las, nil, 20220610,
		"Hemtjänsten öppnar dörren med ett digitalt lås i stället för nycklar."),
	3: page("d/", "Läsplattor för äldre", "Nyheter på skärm.", annat, nil, 20210101,
		"De äldre läser nyheter på läsplattor varje morgon under tillsynsrundan."),
	4: page("e/", "Trygg utomhus", "Ett bärbart larm med GPS ger trygghet.", mobila, []string{"positioneringslarm", "GPS-larm"}, 20240220,
		"Den som går vilse kan kallas hem med hjälp av satellitpositionen och tillsyn på distans."),
	5: page("f/", "Om nätterna", "Om en natt i tjänst.", annat, nil, 20200101,
		"När larmen går kommer personalen inom en halvtimme."),
	6: page("g/", "Om kvällarna", "Om en kväll i tjänst.", annat, nil, 20200102,
		"När ett larm går kommer personalen inom en halvtimme."),
	7: page("h/", "Äldreomsorgens framtid", "Vad äldreomsorgens chefer tror om tekniken.", annat, nil, 20190101,
		"Cheferna ser teknik som ett stöd."),
	8: page("i/", "Installation i fyra hem", "Montering under en vecka gav trygghet.", annat, nil, 20240301,
		"Vi installerade trygghetslarm i fyra hem under en vecka."),
	// A title of stop words only.
	9: page("s/", "Skulle du…", "Frågor som personalen ställer.", annat, nil, 20180101,
		"Svaren finns hos enhetschefen."),
	// The same words, and so the same score, but for where two of them
	// stand: far apart on j/, side by side on k/ (the higher number, which
	// wins a tie, so that only nearness puts k/ first).
	10: page("j/", "Dörrar i Malmö", "Nya kort.", annat, nil, 20170101,
		"Personalen fick nya lås till alla dörrar. Förra året byttes nycklarna ut mot digitala kort."),
	11: page("k/", "Dörrar i Lund", "Nya kort.", annat, nil, 20170101,
		"Personalen fick digitala lås till alla dörrar. Förra året byttes nycklarna ut mot nya kort."),
	// larm and hemtjänsten, but not as in a/'s title "Larm i hemtjänsten";
	// and du without skulle.
	12: page("l/", "Larm för hela hemtjänsten", "Vet du hur larmet fungerar?", stod, nil, 20160101,
		"Hemtjänsten larm."),
	// A phrase after more occurrences of its last word than nearness
	// looks at (index.NearPositions): found in the positions' tails.
	13: page("m/", "Nycklar", "Om nycklar.", annat, nil, 20150101,
		"En nyckel, en nyckel till, en nyckel och en nyckel. Till sist en digital nyckel."),
	// A compound's part that no page has as a word of its own (issue 13's
	// miss: symptom did not find förkylningssymptom), and its head with the
	// linking s; and pedagoger in förskolepedagoger, with the linking e.
	14: page("n/", "Hälsa i vinter", "Råd från sjuksköterskan.", annat, nil, 20140101,
		"Vid förkylningssymptom ska personalen stanna hemma. Förskolepedagogerna gör likadant."),
	// Words whose stems, å ä ö left out, are other stems (räkenskapsåret
	// stems to räkenskapsår, rakenskapsaret to rakenskap; sekundärt to
	// sekundär, sekundart to sekund), and p/ with another form of
	// räkenskapsår and the stem sekund.
	15: page("o/", "Bokslut", "När räkenskapsåret är slut.", annat, nil, 20130101,
		"Knappen är sekundärt placerad."),
	16: page("p/", "Bokföring", "Ett räkenskapsår till.", annat, nil, 20120101,
		"Tio sekunder."),
	// Lessons and effects, a field of their own (issue 17), with the
	// facets supplier and procurement form.
	17: withLessons(page("q/", "Utrustning på boendet", "Ny utrustning på ett boende.", annat, nil, 20110101,
		"Personalen öppnar med mobilen."),
		[]string{"Pröva tekniken med brukarna före upphandlingen.", "Frigjord tid 2 timmar per natt"},
		index.Value{Key: "lasbolaget-ab", Label: "Låsbolaget AB"}, index.Value{Key: "framework-call-off", Label: "Avrop från ramavtal"}),
}

// withLessons gives a test page lessons, a supplier and a procurement form.
func withLessons(d index.Doc, lessons []string, supplier, form index.Value) index.Doc {
	d.Lessons = lessons
	d.Facets.Supplier, d.Facets.Procurement = supplier, form
	return d
}

type swedishCase struct {
	name, q string
	filters map[string][]string
	first   string   // the page that must rank first ("" for no check)
	want    []string // pages that must be found
	notWant []string // pages that must not be found
	above   []string // pairs: the first of each must rank above the second
}

var swedishCases = []swedishCase{
	{name: "inflected form", q: "äldreomsorgens ", first: "h/", want: []string{"b/", "h/"}},
	{name: "compound part", q: "larm ", first: "a/", want: []string{"a/", "i/"}},
	{name: "compound part ranks below the word", q: "larm ", above: []string{"a/", "i/", "f/", "i/"}},
	{name: "missing å ä ö", q: "aldreomsorg ", want: []string{"b/", "h/"}},
	{name: "å is not ä", q: "lås ", first: "c/", notWant: []string{"d/"}},
	{name: "folded finds both", q: "las ", want: []string{"c/", "d/"}},
	{name: "folded compound part", q: "trygghet ", want: []string{"e/", "i/"}},
	{name: "a compound's part, without å ä ö", q: "tjanst ", want: []string{"c/"}},
	{name: "a part before the linking s, its tail unknown", q: "tillsyn ", want: []string{"b/", "e/", "d/"}, above: []string{"b/", "d/"}},
	{name: "typo", q: "trygghetslram ", want: []string{"i/"}},
	{name: "typo of one edit", q: "nattkamror ", first: "b/"},
	{name: "synonym", q: "positioneringslarm ", first: "e/"},
	{name: "prefix", q: "trygghetsl", want: []string{"i/"}},
	{name: "half-typed word", q: "nattkam", first: "b/"},
	{name: "exact form above stem", q: "larmen ", want: []string{"f/", "g/"}, above: []string{"f/", "g/"}},
	{name: "two words", q: "digitalt lås", first: "c/", notWant: []string{"a/"}},
	{name: "filters without words", q: "", filters: map[string][]string{"omrade": {"trygghetslarm"}}, first: "a/"},
	{name: "filters narrow", q: "larm ", filters: map[string][]string{"omrade": {"ovrigt"}}, want: []string{"f/", "i/"}, notWant: []string{"a/"}},
	{name: "unknown word", q: "xyzzyq ", notWant: []string{"a/", "b/", "c/", "d/", "e/", "f/", "g/", "h/", "i/"}},
	{name: "no shorter prefix", q: "trygghetslarmcentralerna ", notWant: []string{"i/"}},

	// Stop words only: searched as they are, by their exact forms.
	{name: "stop words only", q: "skulle ", first: "s/", want: []string{"s/"}},
	{name: "stop words only, two", q: "skulle du", want: []string{"s/"}, notWant: []string{"l/"}},
	{name: "stop words only, each", q: "du ", want: []string{"s/", "l/"}},
	{name: "stop words only, as typed", q: "skulle", want: []string{"s/"}},
	{name: "a stop word no page has", q: "vilkas ", notWant: []string{"s/", "l/", "a/"}},
	{name: "a compound's last part, no word of any page", q: "symptom ", first: "n/", want: []string{"n/"}},
	{name: "a compound's first part before the linking s", q: "förkylning ", want: []string{"n/"}},
	{name: "a compound's last part, inflected, after the linking e", q: "pedagoger ", want: []string{"n/"}},
	{name: "a stop word with another word is left out", q: "skulle larm ", first: "a/", notWant: []string{"s/"}},

	// Nearness: the words side by side rank above the same words apart.
	{name: "near words rank above far ones", q: "digitala lås ", want: []string{"j/", "k/", "c/"}, above: []string{"k/", "j/"}},
	{name: "near in either order", q: "lås digitala ", above: []string{"k/", "j/"}},

	// Phrases: the words in that order, side by side (stems, like any word).
	{name: "phrase", q: `"digitala lås" `, want: []string{"k/", "c/"}, notWant: []string{"j/"}},                // c/: its area
	{name: "phrase of other forms", q: `"digitalt lås" `, want: []string{"c/", "k/"}, notWant: []string{"j/"}}, // digitalt, digitala: one stem
	{name: "phrase in typographic quotes", q: "”digitala lås” ", want: []string{"k/", "c/"}, notWant: []string{"j/"}},
	{name: "phrase, reversed", q: `"lås digitala" `, notWant: []string{"j/", "k/", "c/"}},
	{name: "phrase and a word", q: `"digitala lås" dörrar `, want: []string{"k/", "c/"}, notWant: []string{"j/"}},
	{name: "phrase not closed yet, as typed", q: `"digitala lås`, want: []string{"k/", "c/"}, notWant: []string{"j/"}},
	{name: "phrase with a stop word: any word may stand there", q: `"larm i hemtjänsten" `, first: "a/", notWant: []string{"l/"}},
	{name: "phrase within a block only", q: `"hemtjänsten vet" `, notWant: []string{"l/"}},
	{name: "phrase after four of its words", q: `"digital nyckel" `, want: []string{"m/"}},
	{name: "phrase of one word is the word", q: `"dörrar" `, want: []string{"j/", "k/"}},

	// Å ä ö left out of a word whose stem differs from its folded stem.
	{name: "missing å ä ö, the stem apart", q: "rakenskapsaret ", want: []string{"o/", "p/"}, above: []string{"o/", "p/"}}, // o/: that very word
	{name: "missing å ä ö, the stem apart, as typed", q: "rakenskapsaret", above: []string{"o/", "p/"}},
	{name: "missing ä, the stem apart", q: "sekundart ", want: []string{"o/"}},
	// A word only in a page's lessons, and one only in its effects.
	{name: "a word only in lessons", q: "upphandlingen ", first: "q/", want: []string{"q/"}},
	{name: "a word only in effects", q: "frigjord ", first: "q/", want: []string{"q/"}},
	{name: "supplier facet", q: "tekniken ", filters: map[string][]string{"leverantor": {"lasbolaget-ab"}}, want: []string{"q/"}, notWant: []string{"h/"}},
	{name: "procurement facet", q: "boendet ", filters: map[string][]string{"upphandling": {"framework-call-off"}}, want: []string{"q/"}, notWant: []string{"b/"}},
}

// checkCase checks the pages one engine found for a case.
func checkCase(t *testing.T, engine string, c swedishCase, pages []int) {
	t.Helper()
	var urls []string
	for _, p := range pages {
		urls = append(urls, swedishPages[p].URL)
	}
	if c.first != "" && (len(urls) == 0 || urls[0] != c.first) {
		t.Errorf("%s: %q found %v, want %s first", engine, c.q, urls, c.first)
	}
	for _, w := range c.want {
		if !slices.Contains(urls, w) {
			t.Errorf("%s: %q found %v, want %s among them", engine, c.q, urls, w)
		}
	}
	for _, w := range c.notWant {
		if slices.Contains(urls, w) {
			t.Errorf("%s: %q found %v, %s should not be", engine, c.q, urls, w)
		}
	}
	for i := 0; i+1 < len(c.above); i += 2 {
		a, b := slices.Index(urls, c.above[i]), slices.Index(urls, c.above[i+1])
		if a < 0 || b < 0 || a > b {
			t.Errorf("%s: %q found %v, want %s above %s", engine, c.q, urls, c.above[i], c.above[i+1])
		}
	}
}

func TestSwedishCases(t *testing.T) {
	ix := index.Build(swedishPages, index.DefaultWeights)
	engine, err := bleve.New(ix)
	if err != nil {
		t.Fatal(err)
	}
	defer engine.Close()
	var queries []jsQuery
	for _, c := range swedishCases {
		queries = append(queries, jsQuery{Q: c.q, Filters: c.filters, Limit: 20})
	}
	js := runJS(t, ix, queries)
	for i, c := range swedishCases {
		t.Run(c.name, func(t *testing.T) {
			r, err := engine.Search(c.q, c.filters, 20, 0)
			if err != nil {
				t.Fatal(err)
			}
			var pages []int
			for _, h := range r.Hits {
				pages = append(pages, h.Doc)
			}
			checkCase(t, "bleve", c, pages)
			checkCase(t, "js", c, js[i].Pages)
			for k, r := range js[i].Results {
				d := swedishPages[js[i].Pages[k]]
				if r.URL != d.URL || r.Title != d.Title || len(r.Excerpt) == 0 {
					t.Errorf("%q: result %d is %q %q with excerpt %v; want %q %q and an excerpt", c.q, k, r.URL, r.Title, r.Excerpt, d.URL, d.Title)
				}
			}
			if !slices.Equal(pages, js[i].Pages) {
				t.Errorf("%q: bleve found %v, the browser engine %v", c.q, pages, js[i].Pages)
			}
		})
	}
	t.Run("facets follow the query", func(t *testing.T) {
		no := false
		js := runJS(t, ix, []jsQuery{{Q: "larm "}, {Q: "larm ", Facets: &no}, {Q: "larm ", Facets: &no, Filters: map[string][]string{"omrade": {"ovrigt"}}}})
		var ovrigt int
		for _, v := range js[0].Facets["omrade"] {
			if v.Key == "ovrigt" {
				ovrigt = v.Count
			}
		}
		if ovrigt != 3 || js[2].Total != 3 {
			t.Errorf("larm: omrade=ovrigt counted %d, filtered %d; want 3 and 3 (pages f/, g/ and i/)", ovrigt, js[2].Total)
		}
		loaded := func(r jsResult) bool {
			for _, f := range r.Files {
				if f[0] == "f.json" {
					return true
				}
			}
			return false
		}
		if !loaded(js[0]) || loaded(js[1]) || len(js[1].Facets["omrade"]) != 0 {
			t.Errorf("the facet table must be loaded to count (%v) and only then (%v, %v)", loaded(js[0]), loaded(js[1]), js[1].Facets)
		}
	})
	t.Run("suggestions", func(t *testing.T) {
		r, _ := engine.Search("trygghetslarmcentralerna ", nil, 10, 0)
		if r.Total != 0 || len(r.Suggestions) == 0 {
			t.Errorf("bleve: total %d, suggestions %v; want none found and suggestions", r.Total, r.Suggestions)
		}
		i := slices.IndexFunc(swedishCases, func(c swedishCase) bool { return c.name == "no shorter prefix" })
		if js[i].Total != 0 || len(js[i].Suggestions) == 0 || !slices.Equal(js[i].Suggestions, r.Suggestions) {
			t.Errorf("js: total %d, suggestions %v; bleve suggests %v", js[i].Total, js[i].Suggestions, r.Suggestions)
		}
	})
}

type jsQuery struct {
	Q       string              `json:"q"`
	Filters map[string][]string `json:"filters,omitempty"`
	Limit   int                 `json:"limit,omitempty"`
	Offset  int                 `json:"offset,omitempty"`
	Facets  *bool               `json:"facets,omitempty"` // nil: counted
	First   bool                `json:"first,omitempty"`  // the first results soon (SearchOptions.first)
	Budget  *int                `json:"budget,omitempty"` // nil: the engine's (SearchOptions.budget)
	Exclude []int               `json:"exclude,omitempty"`
	Members bool                `json:"members,omitempty"` // with first: find pages by the pages common words lack too
}

type jsResult struct {
	Total       int      `json:"total"`
	Complete    bool     `json:"complete"`    // total and facets exact
	Approximate bool     `json:"approximate"` // ranked from the first parts, not proven
	Pages       []int    `json:"pages"`
	Suggestions []string `json:"suggestions"`
	Results     []struct {
		URL     string  `json:"url"`
		Title   string  `json:"title"`
		Score   float64 `json:"score"`
		Section *struct {
			ID, Title string
		} `json:"section"`
		Excerpt []struct {
			Text string `json:"text"`
			Mark bool   `json:"mark"`
		} `json:"excerpt"`
	} `json:"results"`
	Facets map[string][]struct {
		Key   string `json:"key"`
		Count int    `json:"count"`
	} `json:"facets"`
	Bytes    int             `json:"bytes"`
	Requests int             `json:"requests"`
	Files    [][]interface{} `json:"files"` // name, bytes, gzip bytes
	Ms       float64         `json:"ms"`
}

// runJS exports ix into a folder and runs the queries through the browser
// engine in node.
func runJS(t testing.TB, ix *index.Index, queries []jsQuery) []jsResult {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("node is needed to test the browser engine (scripts/install-test-deps.sh installs it): %v", err)
	}
	dir := writeIndex(t, ix)
	return runNode(t, node, dir, queries)
}

func runNode(t testing.TB, node, siteDir string, queries []jsQuery) []jsResult {
	t.Helper()
	in, err := json.Marshal(queries)
	if err != nil {
		t.Fatal(err)
	}
	engine := engineFile(t)
	cmd := exec.Command(node, "testdata/run.mjs", engine, siteDir)
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, stderr.String())
	}
	var res []jsResult
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("node's output: %v", err)
	}
	return res
}

// writeIndex writes the browser index of ix into a temporary folder, as a
// site holds it, and returns the folder.
func writeIndex(t testing.TB, ix *index.Index) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range ix.Export() {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}
