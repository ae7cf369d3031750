package index

import (
	"slices"
	"strings"
	"testing"
)

func TestNear(t *testing.T) {
	for _, c := range []struct {
		lists [][]int32
		want  bool
	}{
		{[][]int32{{0}, {7}}, true},      // a span of 8 positions: 0 to 7
		{[][]int32{{0}, {8}}, false},     // 9 positions
		{[][]int32{{20}, {0, 13}}, true}, // either order
		{[][]int32{{0, 30}, {9, 36}, {35}}, true},
		{[][]int32{{0, 30}, {9, 50}, {35}}, false},
		{[][]int32{{1}, {}}, false},       // a word not in the stream
		{[][]int32{{3, 4}, {3, 4}}, true}, // the same word twice
	} {
		if got := Near(c.lists, 8); got != c.want {
			t.Errorf("Near(%v, 8) = %v, want %v", c.lists, got, c.want)
		}
	}
}

// TestPlanQuotes: the words between quotes are a phrase, by their
// positions in the query with stop words counted; a query of stop words
// only keeps them.
func TestPlanQuotes(t *testing.T) {
	ix := Build([]Doc{{Title: "Larm i hemtjänsten", Summary: "Digitala lås", Sections: []Section{{Text: "Skulle du?"}}}}, DefaultWeights)
	for _, c := range []struct {
		q       string
		phrases [][]int
		pos     []int
		stop    bool
	}{
		{q: "larm hemtjänsten", pos: []int{0, 1}},
		{q: `"larm i hemtjänsten" `, phrases: [][]int{{0, 1}}, pos: []int{0, 2}},
		{q: `"digitala lås" "larm hemtjänst"`, phrases: [][]int{{0, 1}, {2, 3}}, pos: []int{0, 1, 2, 3}},
		{q: `digitala "lås" larm`, pos: []int{0, 1, 2}},                          // one word is no phrase
		{q: `digitala ”lås larm`, phrases: [][]int{{1, 2}}, pos: []int{0, 1, 2}}, // open to the end
		{q: `"skulle du"`, pos: []int{0, 1}, stop: true},
		{q: `skulle larm`, pos: []int{1}},
	} {
		q := ix.Plan(c.q)
		var pos []int
		for _, w := range q.Words {
			pos = append(pos, w.Pos)
			if w.Stop != c.stop {
				t.Errorf("%q: word %q has Stop %v", c.q, w.Text, w.Stop)
			}
		}
		if q.Stop != c.stop || !slices.Equal(pos, c.pos) || len(q.Phrases) != len(c.phrases) {
			t.Errorf("%q: stop %v, positions %v, phrases %v; want %v, %v, %v", c.q, q.Stop, pos, q.Phrases, c.stop, c.pos, c.phrases)
			continue
		}
		for i := range c.phrases {
			if !slices.Equal(q.Phrases[i], c.phrases[i]) {
				t.Errorf("%q: phrases %v, want %v", c.q, q.Phrases, c.phrases)
			}
		}
	}
}

// TestProximity: phrases and nearness over the word stream.
func TestProximity(t *testing.T) {
	far := strings.Repeat("ord ", NearWindow)
	many := strings.Repeat("lås ", NearPositions)
	docs := []Doc{
		0: {Title: "Digitala", Summary: "lås"},                        // two blocks
		1: {Title: "Larm och hemtjänsten"},                            // a stop word between
		2: {Sections: []Section{{Text: "digitala " + far + "lås"}}},   // apart
		3: {Sections: []Section{{Text: "digitala\nlås"}}},             // two lines, two blocks
		4: {Sections: []Section{{Text: many + far + "digitala lås"}}}, // side by side after NearPositions of lås
		5: {Sections: []Section{{Text: "lås digitala"}}},              // the other order
		6: {Title: "Digitalt", Subjects: []string{"Digitala lås"}},    // an area's label
	}
	ix := Build(docs, DefaultWeights)
	type want struct{ ok, near bool }
	for _, c := range []struct {
		q    string
		want []want // per page
	}{
		{"digitala lås ", []want{{true, false}, {true, false}, {true, false}, {true, false}, {true, false}, {true, true}, {true, true}}},
		{`"digitala lås" `, []want{{false, false}, {false, false}, {false, false}, {false, false}, {true, false}, {false, false}, {true, true}}},
		{`"larm i hemtjänsten" `, []want{1: {true, true}}},
		{`"larm hemtjänsten" `, []want{1: {false, false}}},
	} {
		p := ix.Proximity(ix.Plan(c.q))
		for d, w := range c.want {
			if w == (want{}) && d != 0 {
				continue
			}
			ok, f := p.Page(d)
			if ok != w.ok || (f == NearBoost) != w.near {
				t.Errorf("%q, page %d: phrases %v, factor %g; want %v, near %v", c.q, d, ok, f, w.ok, w.near)
			}
		}
	}
	if p := ix.Proximity(ix.Plan("lås ")); p != nil {
		t.Error("one word: positions have no bearing, Proximity should be nil")
	}
}

// TestNearPages: a stem keeps heads on its NearPages best pages only;
// nearness looks at those, phrases at every page.
func TestNearPages(t *testing.T) {
	var docs []Doc
	for range NearPages {
		docs = append(docs, Doc{Title: "Lås", Sections: []Section{{Text: "digitala nycklar och lås"}}}) // lås ranks high: in the title
	}
	long := strings.Repeat("ord ", 200)
	docs = append(docs, Doc{Sections: []Section{{Text: long + "digitala lås"}}}) // lås once in a long body: no head
	ix := Build(docs, DefaultWeights)
	last := int32(NearPages)
	if h := ix.byStem["lås"].positions(false); len(h) != NearPages || h[last] != nil {
		t.Fatalf("lås: heads on %d pages (page %d: %v), want %d, not page %d", len(h), last, h[last], NearPages, last)
	}
	if a := ix.byStem["lås"].positions(true); len(a) != NearPages+1 || !slices.Equal(a[last], []int32{201}) {
		t.Fatalf("lås: positions on %d pages, page %d %v; want %d, [201]", len(a), last, a[last], NearPages+1)
	}
	if ok, f := ix.Proximity(ix.Plan("digitala lås ")).Page(int(last)); !ok || f != 1 {
		t.Errorf("digitala lås, page %d: %v, factor %g; want found, not near (no head)", last, ok, f)
	}
	if ok, _ := ix.Proximity(ix.Plan(`"digitala lås" `)).Page(int(last)); !ok {
		t.Errorf(`"digitala lås", page %d: the phrase from the tail not found`, last)
	}
	if ok, _ := ix.Proximity(ix.Plan(`"digitala lås" `)).Page(0); ok {
		t.Error(`"digitala lås", page 0: found, but the words are apart`)
	}
}
