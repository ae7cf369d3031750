// Package texts gives the search tests their texts and projects: the
// Markdown of the repository's content/, the 1,000 pages of the synthetic
// corpus (bench/gencorpus), the edge cases where bleve's analysis has a
// surprise, whole projects made by bench/corpus.sh, and the real Swedish
// corpus of bench/svreal as a project.
package texts

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// Text is one text to analyze; Path is "" for a text that is no file.
type Text struct {
	Name, Path, Text string
}

// Root returns the repository's root.
func Root(t testing.TB) string {
	t.Helper()
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("texts: no source file")
	}
	root := filepath.Join(filepath.Dir(file), "../../../../..")
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("no go.mod in %s: %v", root, err)
	}
	return root
}

// Content returns the Markdown files of the repository's content/.
func Content(t testing.TB) []Text {
	t.Helper()
	return files(t, Root(t), filepath.Join(Root(t), "content"))
}

// Corpus returns the 1,000 pages of bench/gencorpus with seed 1
// (bench/corpus.sh's corpus), generated into a temporary folder.
func Corpus(t testing.TB) []Text {
	t.Helper()
	dir := t.TempDir()
	cmd := exec.Command("go", "run", "./bench/gencorpus", "-n", "1000", "-out", dir, "-seed", "1")
	cmd.Dir = Root(t)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go run ./bench/gencorpus: %v\n%s", err, out)
	}
	texts := files(t, dir, filepath.Join(dir, "fallstudier"))
	if len(texts) != 1000 {
		t.Fatalf("gencorpus wrote %d pages, want 1000", len(texts))
	}
	return texts
}

// Project makes a project of n synthetic case studies with bench/corpus.sh
// (the corpus generator, the repository's vocabulary and theme) and
// returns its folder.
func Project(t testing.TB, n int) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "corpus")
	cmd := exec.Command("bash", "bench/corpus.sh", strconv.Itoa(n), dir)
	cmd.Dir = Root(t)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("bench/corpus.sh: %v\n%s", err, out)
	}
	return dir
}

// files returns the Markdown files below dir, named relative to root.
func files(t testing.TB, root, dir string) []Text {
	t.Helper()
	var out []Text
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, path)
		out = append(out, Text{filepath.ToSlash(rel), path, string(b)})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) == 0 {
		t.Fatalf("no Markdown files in %s", dir)
	}
	return out
}

// EdgeCases are texts where bleve's analysis has a surprise: each one is
// compared like a page.
var EdgeCases = []string{
	"Region Västra Götaland: 1 500 brukare, 2,5 % fler; EU:s mål S:t Olofs väg",
	"Trygghetslarm, trygghetslarmen och trygghetslarmens; löst lösta lösts; fullt fullständigt; kvällarna",
	"e-post www.example.com/a_b?x=1 foo@example.org 10:30 3.14.15 1'000 v. 2.0 ___ _ a_ _a don't",
	"ÅÄÖ åäö Ærø Øresund Straße ẞ İstanbul İİ K Å Ω Ωmega ȺȾ Ⱥa ΣΑΣ Σ ΟΔΟΣ ǅ ǈ ŉ",
	"e\u0301cole \u0301x infor\u00admation zero\u200bwidth nbsp\u00a0here 10\u202f000 kr",
	"日本語のテキスト カタカナ ひらがな 漢字 한국어 텍스트 ภาษาไทย ๑๒๓ ０１２ ｶﾀｶﾅ",
	"😀 👍🏽 🇸🇪 a😀b ♥♥ №5 ½ ² ① Ⅻ ʼa aʼb x·y a‧b קו\"ם ש'",
	"\r\n\t\v\f\u0085\u2028\u2029 tab\there crlf\r\nend",
	// Real words for the stemmer's rules, on both sides of their conditions.
	"gåande seende troende sjöarna skorna tåarna byarna kvinnorna gåtorna bönorna ande arna " +
		"gås bus hus kaos ros kors frys bys klass matens hets stads tåget tågets tåg tågs " +
		"kallt fallt vidd spridd bygd begått lagt läkt smidd helt ensamt rolig roligt lycklig " +
		"lyckligt vänlig vänligheter blodig hjälplöst upplöst löst lösts föräldralöst fullt " +
		"bekymmersfullt fullständigt trevlig medels kapsels änglarnas café caféerna öst ös ås oss " +
		"ærligt årets ärlighetens ökning ökningarnas ulls ylles ä å ö ab abc abcd s ss sss",
	suffixWords(),
}

// suffixWords returns a text of made-up words that end in each of
// the stemmer's suffixes, alone, after a vowel that is no valid s-ending
// (å), after a consonant that is one (r), with R1 starting before the
// suffix and not.
func suffixWords() string {
	suffixes := strings.Fields(`a arna erna heterna orna ad e ade ande arne are aste en anden aren heten
		ern ar er heter or s as arnas ernas ornas es ades andes ens arens hetens erns at andet het ast
		dd gd nn dt gt kt tt ig lig els fullt löst`)
	var words []string
	for _, s := range suffixes {
		for _, prefix := range []string{"", "å", "r", "utgå", "utgr", "pågå", "ab", "abå"} {
			words = append(words, prefix+s, strings.ToUpper(prefix+s))
		}
	}
	return strings.Join(words, " ")
}

// RealProject makes a project of the real Swedish corpus in
// bench/svreal/corpus with its adapter (go run ./bench/svreal -out): one
// free page content/sidor/<slug>.md per file, the repository's vocabulary
// and theme; it returns its folder.
func RealProject(t testing.TB) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "svreal")
	cmd := exec.Command("go", "run", "./bench/svreal", "-out", dir)
	cmd.Dir = Root(t)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go run ./bench/svreal: %v\n%s", err, out)
	}
	return dir
}

// Real returns the 438 pages of the real corpus as RealProject adapts
// them, named content/sidor/<slug>.md.
func Real(t testing.TB) []Text {
	t.Helper()
	dir := RealProject(t)
	texts := files(t, dir, filepath.Join(dir, "content", "sidor"))
	if len(texts) != 438 {
		t.Fatalf("bench/svreal wrote %d pages, want 438", len(texts))
	}
	return texts
}
