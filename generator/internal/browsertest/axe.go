package browsertest

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// AxeTags are the axe-core rule tags [Page.Axe] runs: WCAG 2.0, 2.1 and
// 2.2, levels A and AA, and axe's best practices.
var AxeTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"}

// AxeRules are rules [Page.Axe] turns on beyond its tags: target-size
// (WCAG 2.5.8, Target Size (Minimum): 24×24 CSS pixels, or spacing that
// keeps a 24 px circle around each target clear of the others), which
// axe-core leaves off by default.
var AxeRules = []string{"target-size"}

// Violation is one axe rule that failed on a page.
type Violation struct {
	ID      string // the rule, such as "color-contrast"
	Impact  string // minor, moderate, serious or critical
	Help    string // what the rule asks for
	HelpURL string
	Count   int    // how many elements fail it
	Nodes   []Node // the first few of them
}

// Node is one element that fails a rule.
type Node struct {
	Target  string // a CSS selector for the element
	HTML    string // the start of its markup
	Summary string // what axe says to fix
}

// String is the violation as a failure message: the rule and each element
// with what to fix.
func (v Violation) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s, %d element", v.ID, v.Impact, v.Count)
	if v.Count != 1 {
		b.WriteString("s")
	}
	fmt.Fprintf(&b, "): %s\n    %s", v.Help, v.HelpURL)
	for _, n := range v.Nodes {
		fmt.Fprintf(&b, "\n    - %s\n      %s", n.Target, n.HTML)
		if n.Summary != "" {
			fmt.Fprintf(&b, "\n      %s", strings.ReplaceAll(strings.TrimSpace(n.Summary), "\n", "\n      "))
		}
	}
	if more := v.Count - len(v.Nodes); more > 0 {
		fmt.Fprintf(&b, "\n    … and %d more", more)
	}
	return b.String()
}

// maxNodes is how many failing elements of each rule a Violation keeps.
const maxNodes = 5

var axeSource struct {
	once sync.Once
	js   string
	path string
	err  error
}

// AxePath is where axe-core's script is expected:
// <repository>/node_modules/axe-core/axe.min.js.
func AxePath() (string, error) {
	root, err := RepoRoot()
	if err != nil {
		return "", err
	}
	return filepath.Join(root, "node_modules", "axe-core", "axe.min.js"), nil
}

func loadAxe() (string, error) {
	axeSource.once.Do(func() {
		axeSource.path, axeSource.err = AxePath()
		if axeSource.err != nil {
			return
		}
		data, err := os.ReadFile(axeSource.path)
		axeSource.js, axeSource.err = string(data), err
	})
	return axeSource.js, axeSource.err
}

// axeRun runs the rules of AxeTags on the whole document and keeps, of each
// violation, what a failure message needs.
var axeRun = `(async () => {
	const r = await axe.run(document, {
		runOnly: {type: 'tag', values: ` + jsStrings(AxeTags) + `},
		rules: Object.fromEntries(` + jsStrings(AxeRules) + `.map(id => [id, {enabled: true}])),
		resultTypes: ['violations'],
	});
	return r.violations.map(v => ({
		ID: v.id, Impact: v.impact || '', Help: v.help, HelpURL: v.helpUrl,
		Count: v.nodes.length,
		Nodes: v.nodes.slice(0, ` + fmt.Sprint(maxNodes) + `).map(n => ({
			Target: n.target.map(String).join(' '),
			HTML: n.html.length > 300 ? n.html.slice(0, 300) + '…' : n.html,
			Summary: n.failureSummary || '',
		})),
	}));
})()`

func jsStrings(list []string) string {
	quoted := make([]string, len(list))
	for i, s := range list {
		quoted[i] = "'" + s + "'"
	}
	return "[" + strings.Join(quoted, ", ") + "]"
}

// Axe runs axe-core on the page as it is now and returns the violations of
// the rules tagged [AxeTags]; none is a pass. axe-core is read from
// node_modules/ (see [AxePath]); when it is missing the test is skipped, or
// failed when CI is set.
//
// The script is injected with the DevTools protocol's Runtime.evaluate,
// which the page's content security policy does not govern: the page stays
// under the policy it was served with, and the results are the page's.
func (p *Page) Axe(t testing.TB) []Violation {
	t.Helper()
	js, err := loadAxe()
	if errors.Is(err, os.ErrNotExist) {
		missing(t, fmt.Sprintf("axe-core is not installed (%s); run scripts/install-test-deps.sh", axeSource.path))
	}
	if err != nil {
		t.Fatalf("browsertest: reading axe-core: %v", err)
	}
	var loaded bool
	if _, err := p.eval(js+"\n;true", 30*time.Second); err != nil {
		t.Fatalf("browsertest: injecting axe-core into %s: %v", p.URL, err)
	}
	p.Eval(t, "typeof axe === 'object' && typeof axe.run === 'function'", &loaded)
	if !loaded {
		t.Fatalf("browsertest: axe-core did not load in %s", p.URL)
	}
	raw, err := p.eval(axeRun, 60*time.Second)
	if err != nil {
		t.Fatalf("browsertest: running axe-core in %s: %v", p.URL, err)
	}
	var vs []Violation
	if err := json.Unmarshal(raw, &vs); err != nil {
		t.Fatalf("browsertest: axe-core's result: %v", err)
	}
	return vs
}
