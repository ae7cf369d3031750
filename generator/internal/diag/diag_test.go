package diag

import (
	"reflect"
	"strings"
	"testing"
)

func TestWriteGitHub(t *testing.T) {
	var l List
	l.Errorf("content/fallstudier/a,b.md", 3, 15, "okänd kommun \"Lnud\"; menade du \"Lund\"?")
	l.Warnf("content/x.md", 0, 0, "100%% klart\nny rad")
	var b strings.Builder
	l.WriteGitHub(&b)
	want := "::error file=content/fallstudier/a%2Cb.md,line=3,col=15::okänd kommun \"Lnud\"; menade du \"Lund\"?\n" +
		"::warning file=content/x.md::100%25 klart%0Any rad\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

func TestSortDeduplicates(t *testing.T) {
	l := List{{Path: "b.md", Line: 1, Message: "x"}, {Path: "a.md", Line: 9, Message: "y"}, {Path: "a.md", Line: 2, Col: 5, Message: "z"}, {Path: "b.md", Line: 1, Message: "x"}}
	l.Sort()
	var got []string
	for _, d := range l {
		got = append(got, d.String())
	}
	want := []string{"a.md:2:5: z", "a.md:9: y", "b.md:1: x"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestClosest(t *testing.T) {
	names := []string{"Lund", "Lunds", "Luleå", "Göteborg", "Upplands Väsby", "Upplands-Bro", "Eskilstuna"}
	tests := []struct {
		word string
		want []string
	}{
		{"Lnud", []string{"Lund"}},
		{"Goteborg", []string{"Göteborg"}},
		{"upplands vasby", []string{"Upplands Väsby"}},
		{"Upplands", []string{"Upplands-Bro", "Upplands Väsby"}},
		{"Eskilstuan", []string{"Eskilstuna"}},
		{"Atlantis", nil},
	}
	for _, tt := range tests {
		if got := Closest(tt.word, names, 2); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Closest(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}

// TestWriteSummaryEscapes: a message holding an editor's text stays one
// cell of the table, shown as text.
func TestWriteSummaryEscapes(t *testing.T) {
	var l List
	l.Errorf("content/a|b.md", 2, 3, "okänd nyckel \"x|y<script>\"\nny rad")
	l.Warnf("content/a|b.md", 0, 0, "*fet* [länk](https://x)")
	var b strings.Builder
	if err := l.WriteSummary(&b, "kb check"); err != nil {
		t.Fatal(err)
	}
	want := "## kb check: 1 fel, 1 varningar\n\n" +
		"### content/a&#124;b.md\n\n| rad | kolumn | problem |\n| ---: | ---: | --- |\n" +
		"| 2 | 3 | okänd nyckel \"x&#124;y&#60;script&#62;\" ny rad |\n" +
		"|  |  | varning: &#42;fet&#42; &#91;länk&#93;&#40;https://x&#41; |\n\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}
