package browsertest

import (
	"errors"
	"os"
	"path/filepath"
	"sync"
)

var repoRoot struct {
	once sync.Once
	dir  string
	err  error
}

// RepoRoot is the repository's root: the nearest folder, from the test's
// working directory up, that holds go.mod.
func RepoRoot() (string, error) {
	repoRoot.once.Do(func() {
		dir, err := os.Getwd()
		if err != nil {
			repoRoot.err = err
			return
		}
		for {
			if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
				repoRoot.dir = dir
				return
			}
			parent := filepath.Dir(dir)
			if parent == dir {
				repoRoot.err = errors.New("browsertest: no go.mod above the working directory")
				return
			}
			dir = parent
		}
	})
	return repoRoot.dir, repoRoot.err
}
