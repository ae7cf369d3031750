package main

import (
	"bytes"
	"fmt"
	"os/exec"
	"sort"
	"strings"
)

// changedFiles lists the files that differ between the working tree of the
// git repository at root and the point where it left base (a pull request's
// target branch): committed, uncommitted and untracked, deleted ones
// included. Paths are relative to root, slash-separated.
func changedFiles(root, base string) ([]string, error) {
	if base == "" {
		for _, b := range []string{"origin/main", "main"} {
			if _, err := git(root, "rev-parse", "--verify", "--quiet", b+"^{commit}"); err == nil {
				base = b
				break
			}
		}
		if base == "" {
			return nil, fmt.Errorf("hittar varken origin/main eller main att jämföra med; ange -base")
		}
	}
	mergeBase, err := git(root, "merge-base", base, "HEAD")
	if err != nil {
		return nil, fmt.Errorf("kan inte jämföra med %s: %v", base, err)
	}
	diff, err := git(root, "diff", "--name-only", "--no-renames", "--relative", strings.TrimSpace(mergeBase))
	if err != nil {
		return nil, err
	}
	untracked, err := git(root, "ls-files", "--others", "--exclude-standard")
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var out []string
	for _, p := range strings.Split(diff+untracked, "\n") {
		if p = strings.TrimSpace(p); p != "" && !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	sort.Strings(out)
	return out, nil
}

func git(dir string, args ...string) (string, error) {
	cmd := exec.Command("git", append([]string{"-C", dir, "-c", "core.quotePath=false"}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("git %s: %v %s", strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
	}
	return string(out), nil
}
