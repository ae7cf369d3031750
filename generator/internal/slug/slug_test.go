package slug

import "testing"

func TestMake(t *testing.T) {
	for in, want := range map[string]string{
		"Upplands Väsby":               "upplands-vasby",
		"Malung-Sälen":                 "malung-salen",
		"Så gick det till":             "sa-gick-det-till",
		"  Ärende -- 2020 ":            "arende-2020",
		"Lu\u0308nd":                   "lund", // decomposed ü
		"Skåne län":                    "skane-lan",
		"Færøerne Straße":              "faeroerne-strasse",
		"!!!":                          "",
		"digitala-las":                 "digitala-las",
		"Region Västra Götaland (VGR)": "region-vastra-gotaland-vgr",
	} {
		if got := Make(in); got != want {
			t.Errorf("Make(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestValid(t *testing.T) {
	for s, want := range map[string]bool{"lund": true, "upplands-vasby": true, "2020-plan": true, "": false, "-a": false, "a-": false, "a--b": false, "Lund": false, "lås": false, "a_b": false, "..": false} {
		if got := Valid(s); got != want {
			t.Errorf("Valid(%q) = %v", s, got)
		}
	}
}

// FuzzValid holds Valid to its definition: a slug is what Make leaves as
// it is.
func FuzzValid(f *testing.F) {
	for _, s := range []string{"lund", "upplands-vasby", "", "-a", "a-", "a--b", "Lund", "lås", "a\u0301", "2020-plan", "a b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Valid(s), s != "" && Make(s) == s; got != want {
			t.Errorf("Valid(%q) = %v, Make gives %q", s, got, Make(s))
		}
	})
}
