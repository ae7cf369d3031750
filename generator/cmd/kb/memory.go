package main

import (
	"fmt"
	"runtime/debug"
	"strconv"
	"strings"
)

// kb build's memory policy: when the Go runtime collects garbage.
//
// A build allocates far more than it keeps: at 10,000 pages about 50 MB
// are live between stages and 250 MB at the peak, in search, while the
// stages allocate tens of GB in all. Collecting whenever the heap has grown
// by half (kb's old GOGC 50) or doubled (Go's default) spends a fifth of
// the build's CPU on collections while the heap is small. kb build instead
// lets the heap grow to gcPercent more than the live heap, and bounds it
// with a soft memory limit (debug.SetMemoryLimit) sized to the site once
// the content is read: limitBase plus limitPerPage for every page file.
// The limit grows with the site, as the live heap does (its peak, in
// search, is about 0.75 GB at 100,000 pages), so the collector keeps room
// to work at every size; at 100,000 pages it is about 1.36 GiB, which
// keeps the process under 1.5 GiB (1,420 MiB measured). There the limit
// binds in search, where each collection marks most of a GB: 11 KiB a
// page (1,325 MiB at the peak) cost 5% more user CPU and about 15% more
// time in search than 12 KiB, in three pairs of runs.
//
// GOGC and GOMEMLIMIT in the environment always win, each for its own
// part; -memory-limit sets the limit in MiB (0: none).
const (
	gcPercent    = 200
	limitBase    = 224 << 20
	limitPerPage = 12 << 10
)

// memoryLimit is the soft memory limit for a build of pages page files.
func memoryLimit(pages int) int64 {
	return limitBase + limitPerPage*int64(pages)
}

// memoryPolicy sets the garbage collector's percent now and returns the
// function that sets the memory limit once the number of pages is known
// (pipeline.Options.Loaded), and restore, which puts back what was there
// before (kb's tests build in their own process). limitMiB is
// -memory-limit: -1 sizes the limit by the site, 0 sets none, more is the
// limit in MiB. getenv is os.Getenv outside tests.
func memoryPolicy(limitMiB int, getenv func(string) string) (loaded func(pages int), restore func()) {
	percent, limit := -2, int64(-1)
	if getenv("GOGC") == "" {
		percent = debug.SetGCPercent(gcPercent)
	}
	if getenv("GOMEMLIMIT") == "" && limitMiB != 0 {
		limit = debug.SetMemoryLimit(-1) // reads it
		if limitMiB > 0 {
			debug.SetMemoryLimit(int64(limitMiB) << 20)
		} else {
			loaded = func(pages int) { debug.SetMemoryLimit(memoryLimit(pages)) }
		}
	}
	return loaded, func() {
		if percent != -2 {
			debug.SetGCPercent(percent)
		}
		if limit >= 0 {
			debug.SetMemoryLimit(limit)
		}
	}
}

// parseMemoryLimit reads -memory-limit: "auto" (the default, sized by the
// site), "0" (none) or a number of MiB.
func parseMemoryLimit(s string) (int, error) {
	if s == "auto" {
		return -1, nil
	}
	n, err := strconv.Atoi(strings.TrimSuffix(s, "MiB"))
	if err != nil || n < 0 {
		return 0, fmt.Errorf("-memory-limit: skriv auto, 0 (ingen gräns) eller antalet MiB, som 1024")
	}
	return n, nil
}
