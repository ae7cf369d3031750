// Command crosscheck type-checks kb for every release target
// (ci.Targets), so that ./build.sh test finds what would break a release
// without building five programs:
//
//	go run ./generator/cmd/crosscheck
package main

import (
	"fmt"
	"os"
	"time"

	"kunskapsbanken/generator/internal/ci"
)

func main() {
	failed := false
	for _, t := range ci.Targets {
		start := time.Now()
		if err := ci.TypeCheck(".", t); err != nil {
			fmt.Fprintln(os.Stderr, err)
			failed = true
			continue
		}
		fmt.Printf("kb %s/%s: ok (%.1f s)\n", t.GOOS, t.GOARCH, time.Since(start).Seconds())
	}
	if failed {
		os.Exit(1)
	}
}
