package pipeline

import (
	"reflect"
	"testing"

	"kunskapsbanken/generator/internal/markdown"
	"kunskapsbanken/generator/internal/search"
	"kunskapsbanken/generator/internal/site"
)

func TestSections(t *testing.T) {
	h := func(id, text string) markdown.Heading { return markdown.Heading{Level: 2, ID: id, Text: text} }
	tests := []struct {
		name     string
		text     string
		headings []markdown.Heading
		want     []search.Section
	}{
		{"no headings", "a\nb", nil, []search.Section{{Text: "a\nb"}}},
		{"text, then a heading", "a\nB\nc\nd", []markdown.Heading{h("b", "B")},
			[]search.Section{{Text: "a"}, {ID: "b", Heading: "B", Text: "c\nd"}}},
		{"a heading first", "B\nc", []markdown.Heading{h("b", "B")},
			[]search.Section{{ID: "b", Heading: "B", Text: "c"}}},
		{"two headings in a row, the last empty", "B\nC", []markdown.Heading{h("b", "B"), h("c", "C")},
			[]search.Section{{ID: "b", Heading: "B"}, {ID: "c", Heading: "C"}}},
		{"a line like a later heading is text until its turn", "C\nB\nC\nx", []markdown.Heading{h("b", "B"), h("c", "C")},
			[]search.Section{{Text: "C"}, {ID: "b", Heading: "B"}, {ID: "c", Heading: "C", Text: "x"}}},
		{"empty", "", nil, []search.Section{{}}},
	}
	for _, tt := range tests {
		p := &site.Page{Doc: markdown.Result{Text: tt.text, Headings: tt.headings}}
		if got := sections(p); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: sections(%q) = %#v, want %#v", tt.name, tt.text, got, tt.want)
		}
	}
}
