package main

import (
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
