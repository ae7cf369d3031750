package spelling

import "testing"

func TestFold(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"trygghetslarm", "trygghetslarm"},
		{"Ängelholm", "Angelholm"},
		{"läkemedelspåminnare", "lakemedelspaminnare"},
		{"Göteborg", "Goteborg"},
		{"Upplands Va\u0308sby", "Upplands Vasby"}, // decomposed
		{"Ærø Straße Łódź", "AEro Strasse Lodz"},
		{"ΟΔΌΣ", "ΟΔΌΣ"},       // marks of other scripts stay
		{"1\u0301", "1\u0301"}, // and marks after no letter
		{"", ""},
	} {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestDistance(t *testing.T) {
	for _, tt := range []struct {
		a, b        string
		max         int
		plain, swap int
	}{
		{"larm", "larm", 2, 0, 0},
		{"larm", "larmen", 2, 2, 2},
		{"larm", "lram", 2, 2, 1}, // a swap of neighbours: one edit with swaps
		{"Lnud", "Lunds", 9, 3, 2},
		{"göteborg", "goteborg", 2, 1, 1},
		{"nattkamror", "nattkameror", 2, 1, 1},
		{"abc", "cba", 0, 1, 1},  // above max: max+1
		{"a", "abcdef", 2, 3, 3}, // the lengths alone say so
		{"kitten", "sitting", 13, 3, 3},
		{"ca", "abc", 5, 3, 3}, // optimal string alignment, not Damerau: no substring edited twice
		{"", "", 0, 0, 0},
	} {
		a, b := []rune(tt.a), []rune(tt.b)
		if got := Distance(a, b, tt.max); got != tt.plain {
			t.Errorf("Distance(%q, %q, %d) = %d, want %d", tt.a, tt.b, tt.max, got, tt.plain)
		}
		if got := DistanceWithSwaps(a, b, tt.max); got != tt.swap {
			t.Errorf("DistanceWithSwaps(%q, %q, %d) = %d, want %d", tt.a, tt.b, tt.max, got, tt.swap)
		}
	}
}
