package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
)

// version and commit are set by the release workflow:
// go build -ldflags "-X main.version=v1.2.0 -X main.commit=<sha>". A build
// without them takes the commit from Go's VCS stamp, when there is one.
var (
	version = "utvecklingsversion"
	commit  = ""
)

// versionLine is what kb version prints: the version, the commit and
// whether the tree had changes, from Go's VCS stamp, and the platform.
func versionLine() string {
	commit, modified := commit, false
	if info, ok := debug.ReadBuildInfo(); ok && commit == "" {
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				commit = s.Value
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
	}
	if commit == "" {
		commit = "okänd"
	}
	if modified {
		commit += " (med ändringar som inte är incheckade)"
	}
	return fmt.Sprintf("kb %s\ncommit %s\n%s/%s, %s", version, commit, runtime.GOOS, runtime.GOARCH, runtime.Version())
}
