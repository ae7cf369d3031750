package main

import "strings"

// kb build asks Linux to back the Go heap with 2 MiB pages (transparent
// huge pages) where the system gives them only on request.
//
// A build at 10,000 pages touches about 350 MB of fresh heap, and every
// 4 KiB page of it is a page fault the kernel must serve: about 85,000 of
// them. On the virtual machines builds run on (CI runners, this project's
// bench machine) a fault costs tens of microseconds, so they came to a
// sixth of the build's CPU. Backed by 2 MiB pages the same heap takes
// a few thousand faults, and the build 10-15% less CPU (see
// hugepages_linux.go for the figures, and for why only the heap's first
// 448 MiB). The Go runtime asked for huge pages itself in Go 1.21.0 and
// stopped in 1.21.1, because long-running servers with sparse heaps grew;
// a build lives for seconds or minutes and its heap is dense, and its
// peak memory did not change.
//
// The request is made only where it changes something and cannot hurt:
// when the kernel's setting is "madvise" (with "always" every heap has
// huge pages already, with "never" none can), when the system does not
// count every mapping against a strict commit limit (overcommit_memory 2,
// where reserving address space could fail), and unless GODEBUG has
// disablethp=1, the Go runtime's own switch for turning huge pages off.

// hugePagesWanted reports whether to ask for huge pages, given the
// contents of /sys/kernel/mm/transparent_hugepage/enabled and
// /proc/sys/vm/overcommit_memory and the value of GODEBUG.
func hugePagesWanted(thp, overcommit, godebug string) bool {
	if !strings.Contains(thp, "[madvise]") || strings.TrimSpace(overcommit) == "2" {
		return false
	}
	for _, setting := range strings.Split(godebug, ",") {
		if strings.TrimSpace(setting) == "disablethp=1" {
			return false
		}
	}
	return true
}
