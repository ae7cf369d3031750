package pipeline

import (
	"encoding/json"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// lessonRE reads one gathered lesson: its group's heading is found by
// position, its text and its links.
var (
	lessonGroupRE = regexp.MustCompile(`<h3 class="lesson-kind[^"]*">([^<]+)</h3><ul class="lesson-list">(.*?)</ul>`)
	lessonRE      = regexp.MustCompile(`<li class="lesson">([^<]*?)(?: <span class="lesson-from">\((.*?)\)</span>)?</li>`)
	hrefRE        = regexp.MustCompile(`href="([^"]+)"`)
)

// lessonsOn lists a page's gathered lessons as "group: text → links".
func lessonsOn(t *testing.T, html string) []string {
	t.Helper()
	var out []string
	for _, g := range lessonGroupRE.FindAllStringSubmatch(html, -1) {
		for _, l := range lessonRE.FindAllStringSubmatch(g[2], -1) {
			var links []string
			for _, h := range hrefRE.FindAllStringSubmatch(l[2], -1) {
				links = append(links, h[1])
			}
			out = append(out, g[1]+": "+l[1]+" → "+strings.Join(links, " "))
		}
	}
	return out
}

// TestLessonsGathered: the lessons of case studies in three areas appear,
// grouped and linked, on exactly the area and municipality pages they
// belong to; "Vem använder vad" lists supplier and procurement per
// municipality; the open data carries the new fields.
func TestLessonsGathered(t *testing.T) {
	fsys, _, _ := archive(t, "testdata/golden.txtar")
	out := filepath.Join(t.TempDir(), "public")
	mustBuild(t, Options{Root: fsys, Out: out})
	files := snapshot(t, out)
	const (
		lund  = "/kb/fallstudier/lund-digitala-las/"
		esk   = "/kb/fallstudier/eskilstuna-infrastruktur/"
		malmo = "/kb/fallstudier/malmo-larm/"
	)
	want := map[string][]string{
		"omraden/digitala-las/index.html": {
			"Det här fungerade: Låsen fungerade bäst där personalen fick öva först. → " + lund + " /kb/kommuner/lund/",
			"Det här fungerade inte: Den första servern räckte inte till. → " + esk + " /kb/kommuner/eskilstuna/",
			"Råd till andra: Upphandla inte mer än ni behöver. → " + lund + " /kb/kommuner/lund/",
		},
		"omraden/infrastruktur/index.html": {
			"Det här fungerade inte: Den första servern räckte inte till. → " + esk + " /kb/kommuner/eskilstuna/",
		},
		"omraden/trygghetslarm/index.html": {
			"Fler lärdomar: Larmen behöver testas varje månad. → " + malmo + " /kb/kommuner/malmo/",
		},
		"omraden/lakemedelspaminnare/index.html": nil,
		"kommuner/lund/index.html": {
			"Det här fungerade: Låsen fungerade bäst där personalen fick öva först. → " + lund,
			"Råd till andra: Upphandla inte mer än ni behöver. → " + lund,
		},
		"kommuner/eskilstuna/index.html": {
			"Det här fungerade inte: Den första servern räckte inte till. → " + esk,
		},
		"kommuner/malmo/index.html": {
			"Fler lärdomar: Larmen behöver testas varje månad. → " + malmo,
		},
		"kommuner/kalmar/index.html": nil,
	}
	for p, w := range want {
		html, ok := files[p]
		if !ok {
			t.Errorf("%s was not written", p)
			continue
		}
		if got := lessonsOn(t, html); !slices.Equal(got, w) {
			t.Errorf("%s lists lessons\n%s\nwant\n%s", p, strings.Join(got, "\n"), strings.Join(w, "\n"))
		}
	}

	// One row per area and case study, in area order; supplier, product,
	// procurement form and year where the case study says them.
	rowRE := regexp.MustCompile(`<tr data-ranks="[^"]*">(.*?)</tr>`)
	cellRE := regexp.MustCompile(`<td>(.*?)</td>`)
	tagRE := regexp.MustCompile(`<[^>]+>`)
	var rows []string
	for _, r := range rowRE.FindAllStringSubmatch(files["vem-anvander-vad/index.html"], -1) {
		var cells []string
		for _, c := range cellRE.FindAllStringSubmatch(r[1], -1) {
			cells = append(cells, tagRE.ReplaceAllString(c[1], ""))
		}
		rows = append(rows, strings.Join(cells, " | "))
	}
	wantRows := []string{
		"Digitala lås | Eskilstuna | Eskilstunas infrastruktur | Pilot | saknas | saknas | saknas",
		"Digitala lås | Lund | Digitala lås i Lunds hemtjänst | Införd | Låsbolaget AB: Lås 2 | Avrop från ramavtal | 2019",
		"Trygghetslarm | Malmö | Trygghetslarm i Malmö | Spridd | Larmföretaget | Egen upphandling | saknas",
		"Digital infrastruktur | Eskilstuna | Eskilstunas infrastruktur | Pilot | saknas | saknas | saknas",
	}
	if !slices.Equal(rows, wantRows) {
		t.Errorf("Vem använder vad:\n%s\nwant\n%s", strings.Join(rows, "\n"), strings.Join(wantRows, "\n"))
	}
	// Every order has its page, reachable from the headings without script.
	for _, key := range []string{"kommun", "status", "leverantor", "upphandling", "ar"} {
		p := "vem-anvander-vad/" + key + "/index.html"
		if _, ok := files[p]; !ok {
			t.Errorf("%s was not written", p)
		}
		if !strings.Contains(files["vem-anvander-vad/index.html"], `href="/kb/vem-anvander-vad/`+key+`/"`) {
			t.Errorf("the table's heading does not link to %s", p)
		}
	}

	var data struct {
		Version int `json:"version"`
		Cases   []struct {
			ID      string `json:"id"`
			Lessons []struct {
				Text, Kind string
			} `json:"lessons"`
			Effects []struct {
				Text   string   `json:"text"`
				Value  *float64 `json:"value"`
				Unit   string   `json:"unit"`
				Period string   `json:"period"`
				Basis  string   `json:"basis"`
			} `json:"effects"`
			Procurement *struct {
				Supplier, Product, Form, FormLabel string
				Year                               int
			} `json:"procurement"`
		} `json:"fallstudier"`
	}
	if err := json.Unmarshal([]byte(files["data/fallstudier.json"]), &data); err != nil {
		t.Fatal(err)
	}
	for _, c := range data.Cases {
		if c.ID != "lund-digitala-las" {
			continue
		}
		if len(c.Lessons) != 2 || c.Lessons[0].Kind != "worked" || len(c.Effects) != 1 || c.Effects[0].Value == nil || *c.Effects[0].Value != 1.5 ||
			c.Effects[0].Basis != "estimated" || c.Procurement == nil || c.Procurement.Form != "framework-call-off" || c.Procurement.FormLabel != "Avrop från ramavtal" || c.Procurement.Year != 2019 {
			t.Errorf("open data of lund-digitala-las: %+v", c)
		}
	}
	csv := files["data/fallstudier.csv"]
	for _, s := range []string{"lessons", "effects", "supplier", "procurement_form", "Låsbolaget AB", "framework-call-off", "Färre nycklar att hämta. (1,5 timmar per dag, estimated)"} {
		if !strings.Contains(csv, s) {
			t.Errorf("the CSV lacks %q", s)
		}
	}
}
