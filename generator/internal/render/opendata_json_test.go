package render

import (
	"bytes"
	"encoding/json"
	"math"
	"testing"
)

// referenceOpenData is the open data as openDataJSON wrote it with
// encoding/json: the bytes appendOpenData must give.
func referenceOpenData(d OpenData) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	err := enc.Encode(d)
	return b.Bytes(), err
}

// openDataWith is open data in which every string is s and every number
// is f, with each field that may be left out both present and absent, and
// each list empty, nil and full.
func openDataWith(s string, f float64, year int) OpenData {
	full := OpenCase{
		ID: s, URL: s, Title: s, Summary: s, Region: s, Status: s, StatusLabel: s,
		Started: s, Published: s, Updated: s,
		Municipality:  &OpenPlace{s, s},
		County:        &OpenPlace{s, ""},
		Organisations: []string{s, "", s},
		Areas:         []OpenArea{{s, s}, {}},
		Tags:          []string{s},
		Initiatives:   []string{s, s},
		Sources:       []OpenSource{{s, s, s, s}, {Title: s}},
		Lessons:       []OpenLesson{{s, s, s}, {Text: s}},
		Effects:       []OpenEffect{{Text: s, Value: &f, Unit: s, Period: s, Basis: s}, {Text: s}},
		Procurement:   &OpenProcurement{s, s, s, s, year},
	}
	empty := OpenCase{
		Organisations: []string{}, Areas: []OpenArea{}, Tags: []string{}, Initiatives: []string{},
		Sources: []OpenSource{}, Lessons: []OpenLesson{}, Effects: []OpenEffect{},
		Procurement: &OpenProcurement{},
	}
	return OpenData{Version: year, Site: s, License: s, CaseStudies: []OpenCase{full, empty, {}, full}}
}

func checkOpenData(t *testing.T, d OpenData) {
	t.Helper()
	want, wantErr := referenceOpenData(d)
	got, err := appendOpenData(nil, d)
	if (err != nil) != (wantErr != nil) {
		t.Fatalf("error %v, encoding/json's %v", err, wantErr)
	}
	if wantErr == nil && !bytes.Equal(got, want) {
		t.Fatalf("differs from encoding/json:\n%s\nwant:\n%s", got, want)
	}
}

func TestOpenDataAsEncodingJSON(t *testing.T) {
	strs := []string{
		"", "Lund", "Västra Götalands län", `"citat" och \snedstreck\`, "rad\nbryt\r\ttab\b\f\x00\x1f\x7f",
		"<script>&amp;</script>", "\u2028\u2029", "e\u2028", "\xe2\x80", "ogiltig \xff\xfe utf-8", "\xe2\x80\xa8",
		"emoji 🏠", "’‘”“", "\ufeffbom", "\ufffd",
	}
	nums := []float64{0, 1, -1, 0.5, 12.25, 1e20, 1e21, 1e-6, 1e-7, -0.0001, 123456789.125, math.MaxFloat64, math.SmallestNonzeroFloat64}
	for _, s := range strs {
		for _, f := range nums {
			checkOpenData(t, openDataWith(s, f, 2024))
		}
	}
	checkOpenData(t, openDataWith("x", math.NaN(), 0)) // an error, as encoding/json's
	checkOpenData(t, OpenData{})
}

func FuzzOpenDataJSON(f *testing.F) {
	f.Add("Lund", 1.5, 2020)
	f.Add("\"\\\n<>&\u2028\xff", -1e21, 0)
	f.Fuzz(func(t *testing.T, s string, v float64, year int) {
		checkOpenData(t, openDataWith(s, v, year))
	})
}

// manyCaseStudies is open data of n case studies shaped like the corpus's.
func manyCaseStudies(n int) OpenData {
	one := openDataWith("Hemtjänsten i Västra Götalands län", 12.5, 2024).CaseStudies[0]
	one.Effects = one.Effects[1:]
	d := OpenData{Version: 1, Site: "Kunskapsbanken", License: "CC0-1.0"}
	for range n {
		d.CaseStudies = append(d.CaseStudies, one)
	}
	return d
}

// BenchmarkOpenDataJSON writes 1,000 case studies shaped like the corpus's
// by encoding/json (the reference) and by appendOpenData.
func BenchmarkOpenDataJSON(b *testing.B) {
	d := manyCaseStudies(1000)
	for _, by := range []struct {
		name  string
		write func(OpenData) ([]byte, error)
	}{
		{"encoding-json", referenceOpenData},
		{"writer", func(d OpenData) ([]byte, error) { return appendOpenData(nil, d) }},
	} {
		b.Run("by="+by.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := by.write(d); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestOpenDataSizedOnce: the open data of many case studies is written
// into one slice made at its size, not grown by append as it is written
// (which took 40 allocations of ever larger slices for these
// 2,000). The numbers would need encoding/json's buffer: none here.
func TestOpenDataSizedOnce(t *testing.T) {
	d := manyCaseStudies(2000)
	var got []byte
	allocs := testing.AllocsPerRun(3, func() {
		var err error
		if got, err = appendOpenData(nil, d); err != nil {
			t.Fatal(err)
		}
	})
	if want, _ := referenceOpenData(d); !bytes.Equal(got, want) {
		t.Fatal("differs from encoding/json")
	}
	// The counting pass's buffer, made to hold one case study, and the
	// output: two (three with -race, which moves a closure to the heap).
	if allocs > 5 {
		t.Errorf("%v allocations, want at most 5", allocs)
	}
	if spare := cap(got) - len(got); spare > 8192 {
		t.Errorf("%d bytes spare, want at most a page's rounding", spare)
	}
}
