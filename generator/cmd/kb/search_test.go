package main

import (
	"regexp"
	"strings"
	"testing"
)

// TestSearch runs kb search over the repository's own content.
func TestSearch(t *testing.T) {
	const repo = "../../.."
	code, out, errs := kb(t, "search", "-root", repo, "-v", "positioneringslarm")
	if code != 0 {
		t.Fatalf("kb search: %d %s", code, errs)
	}
	lines := strings.Split(out, "\n")
	if !strings.HasPrefix(lines[0], "positioneringslarm (stam positioneringslarm, prefix): positioneringslarm×1") {
		t.Errorf("-v: the plan is %q", lines[0])
	}
	if !strings.Contains(lines[2], "1. Positioneringslarm i Lunds äldreomsorg") {
		t.Errorf("first hit: %q\n%s", lines[2], out)
	}

	code, out, _ = kb(t, "search", "-root", repo, "-filter", "kommun=eskilstuna", "digitala ")
	if code != 0 || strings.Contains(out, "fallstudier/lund-") || !strings.Contains(out, "eskilstuna") {
		t.Errorf("-filter kommun=eskilstuna: %d\n%s", code, out)
	}

	code, out, _ = kb(t, "search", "-root", repo, "trygghetslarmcentralerna ")
	if code != 0 || !strings.HasPrefix(out, "Inga träffar. Menade du: trygghetslarm") {
		t.Errorf("a word the index does not hold: %d %q", code, out)
	}

	if code, _, errs := kb(t, "search", "-root", repo, "-filter", "fylke=x", "lås"); code != 2 || !strings.Contains(errs, "okänd fasett") {
		t.Errorf("an unknown facet: %d %q", code, errs)
	}
}

// TestSearchFlagsAfterQuery: flags may follow the query, as people type
// them (kb search "larm" -n 3); "--" ends the flags; an unknown flag is
// named, with the flags there are.
func TestSearchFlagsAfterQuery(t *testing.T) {
	const repo = "../../.."
	hit := regexp.MustCompile(`(?m)^ *[0-9]+\. `)
	hits := func(out string) int { return len(hit.FindAllString(out, -1)) }
	code, out, errs := kb(t, "search", "larm", "-n", "2", "-root", repo)
	if code != 0 || hits(out) != 2 || strings.Contains(out, "Inga träffar") {
		t.Errorf(`kb search larm -n 2 -root …: %d, %d hits, want 2\n%s%s`, code, hits(out), out, errs)
	}
	code, out2, _ := kb(t, "search", "-root", repo, "-n", "2", "larm")
	if code != 0 || out2 != out {
		t.Errorf("flags before and after the query differ:\n%s\n%s", out2, out)
	}
	code, out, errs = kb(t, "search", "-root", repo, "positioneringslarm", "-v", "-n", "1", "äldreomsorg")
	if code != 0 || !strings.HasPrefix(out, "positioneringslarm (stam") || !strings.Contains(out, "\näldreomsorg (stam") || hits(out) != 1 {
		t.Errorf("flags between words: %d\n%s%s", code, out, errs)
	}
	code, out, _ = kb(t, "search", "-root", repo, "-v", "--", "-n", "larm")
	if code != 0 || !strings.HasPrefix(out, "n (stam n") {
		t.Errorf(`-- ends the flags ("-n" is a word of the query): %d\n%s`, code, out)
	}
	code, _, errs = kb(t, "search", "-root", repo, "larm", "-x")
	if code != 2 || !strings.Contains(errs, "okänd flagga -x") || !strings.Contains(errs, "-filter") {
		t.Errorf("an unknown flag after the query: %d %q", code, errs)
	}
	code, _, errs = kb(t, "search", "-root", repo, "larm", "-n", "tre")
	if code != 2 || !strings.Contains(errs, "-n") {
		t.Errorf("a bad value: %d %q", code, errs)
	}
}

// TestSearchStopWordsAndPhrases: a query of stop words only finds the
// pages with those words, and -v shows a quoted phrase.
func TestSearchStopWordsAndPhrases(t *testing.T) {
	const repo = "../../.."
	code, out, errs := kb(t, "search", "-root", repo, "-v", "så", "du")
	if code != 0 || !strings.HasPrefix(out, "så (stoppord") || !strings.Contains(out, "sidor/bidra/") {
		t.Errorf("stop words only: %d\n%s%s", code, out, errs)
	}
	code, out, errs = kb(t, "search", "-root", repo, "-v", `"digitala lås" `)
	if code != 0 || !strings.Contains(out, "fras: \"digitala lås\"") || !strings.Contains(out, "fallstudier/lund-digitala-las/") {
		t.Errorf("a phrase: %d\n%s%s", code, out, errs)
	}
}
