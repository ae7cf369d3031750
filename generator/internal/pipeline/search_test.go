package pipeline

import (
	"reflect"
	"testing"

	"kunskapsbanken/generator/internal/markdown"
	"kunskapsbanken/generator/internal/search/index"
	"kunskapsbanken/generator/internal/site"
)

func TestSections(t *testing.T) {
	h := func(id, text string) markdown.Heading { return markdown.Heading{Level: 2, ID: id, Text: text} }
	tests := []struct {
		name     string
		text     string
		headings []markdown.Heading
		want     []index.Section
	}{
		{"no headings", "a\nb", nil, []index.Section{{Text: "a\nb"}}},
		{"text, then a heading", "a\nB\nc\nd", []markdown.Heading{h("b", "B")},
			[]index.Section{{Text: "a"}, {ID: "b", Heading: "B", Text: "c\nd"}}},
		{"a heading first", "B\nc", []markdown.Heading{h("b", "B")},
			[]index.Section{{ID: "b", Heading: "B", Text: "c"}}},
		{"two headings in a row, the last empty", "B\nC", []markdown.Heading{h("b", "B"), h("c", "C")},
			[]index.Section{{ID: "b", Heading: "B"}, {ID: "c", Heading: "C"}}},
		{"a line like a later heading is text until its turn", "C\nB\nC\nx", []markdown.Heading{h("b", "B"), h("c", "C")},
			[]index.Section{{Text: "C"}, {ID: "b", Heading: "B"}, {ID: "c", Heading: "C", Text: "x"}}},
		{"empty", "", nil, []index.Section{{}}},
	}
	for _, tt := range tests {
		p := &site.Page{Doc: markdown.Result{Text: tt.text, Headings: tt.headings}}
		if got := sections(p); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: sections(%q) = %#v, want %#v", tt.name, tt.text, got, tt.want)
		}
	}
}
