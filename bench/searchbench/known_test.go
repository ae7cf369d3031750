package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestReadKnown(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "q.tsv")
	text := "kind\tquery\texpect\tnote\n" +
		"phrase\t\"öppen källkod\"\ta b\twhy\n" +
		"\n# a comment\n" +
		"word\tlarm\tc\n"
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	qs, err := readKnown(name)
	if err != nil {
		t.Fatal(err)
	}
	if len(qs) != 2 || qs[0].q != `"öppen källkod"` || !slices.Equal(qs[0].expect, []string{"a", "b"}) || qs[0].note != "why" || qs[1].kind != "word" || qs[1].note != "" {
		t.Errorf("readKnown = %+v", qs)
	}
	for _, bad := range []string{"query\tkind\n", "kind\tquery\texpect\tnote\nword\tlarm\n", "kind\tquery\texpect\tnote\n"} {
		if err := os.WriteFile(name, []byte(bad), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := readKnown(name); err == nil {
			t.Errorf("readKnown(%q) gave no error", strings.ReplaceAll(bad, "\t", "→"))
		}
	}
}

func TestSlugOf(t *testing.T) {
	for url, want := range map[string]string{
		"/sidor/om-oss/":       "om-oss",
		"sidor/om-oss/":        "om-oss",
		"/sidor/":              "/sidor/",
		"/sidor/a/b/":          "/sidor/a/b/",
		"/fallstudier/om-oss/": "/fallstudier/om-oss/",
	} {
		if got := slugOf(url); got != want {
			t.Errorf("slugOf(%q) = %q, want %q", url, got, want)
		}
	}
}
