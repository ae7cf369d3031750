//go:build aix || darwin || dragonfly || freebsd || linux || netbsd || openbsd || solaris

package pipeline

import (
	"syscall"
	"time"
)

// processCPU is the CPU time the process has used so far, all its threads
// (the collector's too), in user and in system (kernel) mode.
func processCPU() (user, system time.Duration) {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0, 0
	}
	return time.Duration(ru.Utime.Nano()), time.Duration(ru.Stime.Nano())
}
