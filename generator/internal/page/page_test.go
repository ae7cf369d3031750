package page

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"kunskapsbanken/generator/internal/yamldoc"
)

func TestSplit(t *testing.T) {
	tests := []struct {
		name    string
		src     string
		fm      string
		body    string
		wantErr string
	}{
		{"front matter and body", "---\ntitle: x\n---\nText\n", "title: x\n", "\n\n\nText\n", ""},
		{"body lines keep their numbers", "---\na: 1\nb: 2\n---\n\n# H\n", "a: 1\nb: 2\n", "\n\n\n\n\n# H\n", ""},
		{"closing line is the file's last", "---\na: 1\n---", "a: 1\n", "\n\n\n", ""},
		{"trailing spaces on delimiters", "--- \na: 1\n---\t\nX", "a: 1\n", "\n\n\nX", ""},
		{"empty front matter", "---\n---\nX", "", "\n\nX", ""},
		{"a later --- is body", "---\na: 1\n---\nX\n---\nY", "a: 1\n", "\n\n\nX\n---\nY", ""},
		{"empty file", "", "", "", "filen är tom"},
		{"only white space", " \n\n", "", "", "filen är tom"},
		{"no front matter", "# Rubrik\n", "", "", "filen saknar front matter"},
		{"front matter never closed", "---\ntitle: x\n", "", "", "front matter avslutas aldrig"},
		{"four dashes do not open", "----\na: 1\n----\n", "", "", "filen saknar front matter"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fm, body, err := Split([]byte(tt.src))
			if tt.wantErr != "" {
				if err == nil || !strings.HasPrefix(err.Message, tt.wantErr) {
					t.Fatalf("error = %v, want prefix %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("unexpected error %v", err)
			}
			if string(fm) != tt.fm || string(body) != tt.body {
				t.Errorf("got fm %q body %q, want fm %q body %q", fm, body, tt.fm, tt.body)
			}
			// Into a buffer that holds something else: the same body,
			// in the buffer's memory.
			buf := append(make([]byte, 0, 64), "gammalt innehåll"...)
			_, into, _ := SplitInto(buf, []byte(tt.src))
			if string(into) != tt.body || len(into) > 0 && &into[0] != &buf[:1][0] {
				t.Errorf("SplitInto: body %q, want %q in the buffer's memory", into, tt.body)
			}
		})
	}
}

// ParseInto gives Parse's page, with the body in the buffer's memory.
func TestParseInto(t *testing.T) {
	src := "---\ntitle: \"Nattkameror\"\nsummary: \"Kort.\"\nmunicipality: Lund\nareas: [ai]\nstatus: pilot\npublished: 2024-01-02\n---\n\n# Rubrik\n\nText.\n"
	want, wantDiags := Parse(&File{Path: "content/fallstudier/a.md", Kind: CaseStudy, Data: []byte(src)})
	buf := make([]byte, 0, 256)
	got, diags := ParseInto(buf, &File{Path: "content/fallstudier/a.md", Kind: CaseStudy, Data: []byte(src)})
	if want == nil || got == nil {
		t.Fatalf("Parse %v, ParseInto %v: %v %v", want, got, wantDiags, diags)
	}
	if &got.Body[0] != &buf[:1][0] {
		t.Errorf("ParseInto's body is not in the buffer")
	}
	got.File, want.File = nil, nil
	if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(diags, wantDiags) {
		t.Errorf("ParseInto:\n%+v %v\nParse:\n%+v %v", got, diags, want, wantDiags)
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct {
		name      string
		src       string
		want      string
		line, col int // of the error, when want is ""
	}{
		{"byte-order mark dropped", "\xEF\xBB\xBF---\na: 1\n", "---\na: 1\n", 0, 0},
		{"CRLF becomes LF", "---\r\na: 1\r\n---\r\n", "---\na: 1\n---\n", 0, 0},
		{"Latin-1 å on line 3", "---\ntitle: x\nsummary: Sm\xe5\n", "", 3, 12},
		{"Windows-1252 quote on line 1", "\x93x", "", 1, 1},
		{"valid UTF-8 kept", "åäö\n", "åäö\n", 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Normalize([]byte(tt.src))
			if tt.want == "" {
				if err == nil || err.Line != tt.line || err.Col != tt.col {
					t.Fatalf("error = %+v, want at %d:%d", err, tt.line, tt.col)
				}
				return
			}
			if err != nil || string(got) != tt.want {
				t.Errorf("got %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

// TestParseNonUTF8 checks the message an editor gets for a file saved in an
// old Windows encoding.
func TestParseNonUTF8(t *testing.T) {
	_, diags := Parse(&File{Path: "content/fallstudier/x.md", Kind: CaseStudy, Slug: "x", Data: []byte("---\ntitle: \"V\xe4xj\xf6\"\n---\n")})
	want := "content/fallstudier/x.md:2:10: filen är inte sparad som UTF-8 (kanske Windows-1252 eller Latin-1); spara om den som UTF-8 i redigeraren"
	if len(diags) != 1 || diags[0].String() != want {
		t.Errorf("got %v\nwant %s", diags, want)
	}
}

// TestParseCRLFAndBOM: a file from Windows Notepad parses like any other,
// and positions are still right.
func TestParseCRLFAndBOM(t *testing.T) {
	src := "\xEF\xBB\xBF---\r\ntitle: \"Lås\"\r\nsummary: \"S\"\r\nmunicipality: Lund\r\nareas: [a]\r\nstatus: pilott\r\npublished: 2020-01-01\r\n---\r\nText\r\n"
	p, diags := Parse(&File{Path: "x.md", Kind: CaseStudy, Data: []byte(src)})
	if p == nil || p.Meta.Title != "Lås" {
		t.Fatalf("page = %+v", p)
	}
	want := `x.md:6:9: okänd status "pilott"; menade du "pilot"?; status är en av planned, pilot, implemented, scaled, ended`
	if len(diags) != 1 || diags[0].String() != want {
		t.Errorf("got %v\nwant %s", diags, want)
	}
	if !bytes.HasSuffix(p.Body, []byte("\n\n\n\n\n\n\n\nText\n")) {
		t.Errorf("body = %q", p.Body)
	}
}

func FuzzSplit(f *testing.F) {
	for _, s := range []string{"---\na: 1\n---\nx", "", "---", "---\n---", "\xEF\xBB\xBF---\r\na: b\r\n---\r\n", "----\n", "--- \n\t\n---\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		norm, err := Normalize(src)
		if err != nil {
			return
		}
		fm, body, serr := Split(norm)
		if serr != nil {
			return
		}
		// The body keeps every line of the file where it was.
		if got, want := bytes.Count(body, []byte("\n")), bytes.Count(norm, []byte("\n")); got < want {
			t.Fatalf("body has %d lines, source %d", got, want)
		}
		if !bytes.Contains(norm, fm) {
			t.Fatalf("front matter %q not in source", fm)
		}
	})
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"---\ntitle: x\nsummary: y\nmunicipality: Lund\nareas: [a]\nstatus: pilot\npublished: 2020-01-01\n---\n",
		"---\ntitle: [a, b]\nsources:\n  - title: x\n    publisher: y\n---\n",
		"---\n\t- x\n---\n",
		"---\n&a [*a]\n---\n",
		"---\ntags: [A, b]\nupdated: 2019-01-01\npublished: 2020-01-01\n---\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		lines := bytes.Count(src, []byte("\n")) + 1
		for _, k := range Kinds {
			p, diags := Parse(&File{Path: "x.md", Kind: k, Data: src})
			for _, d := range diags {
				// Every message names the file and a place inside it.
				if d.Path != "x.md" || d.Message == "" || d.Line < 1 || d.Line > lines || d.Col < 1 {
					t.Fatalf("diagnostic outside the file (%d lines): %+v", lines, d)
				}
			}
			if p == nil && !diags.HasErrors() {
				t.Fatal("no page and no error")
			}
		}
	})
}

// A parsed page keeps its items' positions but not the YAML tree behind
// them: every page's tree would be held to the end of a build.
func TestParseDropsNodes(t *testing.T) {
	src := "---\ntitle: \"Lås\"\nsummary: \"S\"\nmunicipality: Lund\ninitiatives: [trygg]\nareas: [a, b]\nstatus: pilot\npublished: 2020-01-01\n---\nText\n"
	p, diags := Parse(&File{Path: "x.md", Kind: CaseStudy, Data: []byte(src)})
	if p == nil || diags.HasErrors() {
		t.Fatalf("page = %+v, %v", p, diags)
	}
	m := p.Meta
	if m.Municipality == nil || len(m.Areas) != 2 || len(m.Initiatives) != 1 {
		t.Fatalf("meta = %+v", m)
	}
	if m.Areas[1].Line != 6 || m.Areas[1].Col != 12 || m.Municipality.Line != 4 {
		t.Errorf("positions: areas[1] %d:%d, municipality line %d", m.Areas[1].Line, m.Areas[1].Col, m.Municipality.Line)
	}
	for _, it := range append([]yamldoc.Item{*m.Municipality}, append(m.Areas, m.Initiatives...)...) {
		if it.Node != nil {
			t.Errorf("%s keeps its YAML node", it.Value)
		}
	}
}

// TestParseKeepsNoData: nothing Parse returns shares memory with the file's
// bytes (kb build reads every page into one buffer it reuses, and keeps the
// page). Each file's bytes are overwritten after Parse, and the page and
// its problems must still equal those parsed from an untouched copy.
func TestParseKeepsNoData(t *testing.T) {
	inputs := []struct {
		kind Kind
		src  string
	}{
		{CaseStudy, "---\ntitle: \"Lås i hemtjänsten\"\nsummary: Nattkameror och lås.\nmunicipality: Lund\nareas: [digitala-las, kameror]\ntags:\n  - lås\n  - natt\nstatus: pilot\npublished: 2020-01-01\nlessons:\n  - text: Börja smått.\n    kind: risk\n---\nText med å ä ö.\n"},
		{CaseStudy, "\xEF\xBB\xBF---\r\ntitle: \"Lås\"\r\nsummary: \"S\"\r\nmunicipality: Lund\r\nareas: [a]\r\nstatus: pilott\r\npublished: 2020-01-01\r\n---\r\nText\r\n"},
		{CaseStudy, "---\ntitle: >\n  Vikt över\n  två rader\nsummary: |\n  Ett block.\nmunicipality: [Lund, Malmö]\nareas: []\nokänd: x\n---\nText\n"},
		{Initiative, "---\ntitle: Nätverket\nsummary: Ett nätverk.\nmunicipalities: [Lund, Malmö]\n---\n## Rubrik\n"},
		{CaseStudy, "---\ntitle: [\n---\n"},
		{Free, "---\ntitle: Om\n---\nOm sidan.\n"},
	}
	for _, in := range inputs {
		data := []byte(in.src)
		got, gotDiags := Parse(&File{Path: "x.md", Kind: in.kind, Data: data})
		for i := range data {
			data[i] = '#'
		}
		want, wantDiags := Parse(&File{Path: "x.md", Kind: in.kind, Data: []byte(in.src)})
		if got != nil {
			got.File = want.File // the File, and its Data, are the caller's
		}
		if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(gotDiags, wantDiags) {
			t.Errorf("the page of %q changed with its bytes:\ngot  %+v %v\nwant %+v %v", in.src, got, gotDiags, want, wantDiags)
		}
	}
}
