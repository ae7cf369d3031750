package main

import (
	"math"
	"runtime/debug"
	"testing"
)

// gcSettings reads the collector's percent and memory limit without
// changing them.
func gcSettings() (percent int, limit int64) {
	percent = debug.SetGCPercent(100)
	debug.SetGCPercent(percent)
	return percent, debug.SetMemoryLimit(-1)
}

func TestMemoryPolicy(t *testing.T) {
	percent0, limit0 := gcSettings()
	env := func(vars map[string]string) func(string) string {
		return func(k string) string { return vars[k] }
	}
	for _, tc := range []struct {
		name        string
		limitMiB    int
		env         map[string]string
		wantPercent int
		wantLimit   int64 // after loaded(10000); -1: unchanged
	}{
		{"default", -1, nil, gcPercent, memoryLimit(10000)},
		{"flag", 700, nil, gcPercent, 700 << 20},
		{"flag off", 0, nil, gcPercent, -1},
		{"GOGC wins", -1, map[string]string{"GOGC": "100"}, percent0, memoryLimit(10000)},
		{"GOMEMLIMIT wins", 700, map[string]string{"GOMEMLIMIT": "2GiB"}, gcPercent, -1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			loaded, restore := memoryPolicy(tc.limitMiB, env(tc.env))
			if loaded != nil {
				loaded(10000)
			}
			percent, limit := gcSettings()
			restore()
			if percent != tc.wantPercent {
				t.Errorf("GC percent %d, want %d", percent, tc.wantPercent)
			}
			if want := tc.wantLimit; want == -1 && limit != limit0 || want != -1 && limit != want {
				t.Errorf("memory limit %d, want %d (-1: unchanged, %d)", limit, want, limit0)
			}
			if p, l := gcSettings(); p != percent0 || l != limit0 {
				t.Errorf("after restore: percent %d, limit %d; want %d, %d", p, l, percent0, limit0)
			}
		})
	}
}

// The limit grows with the site, and at the bench's sizes stays where
// ARCHITECTURE.md and kb build -h say.
func TestMemoryLimitBySize(t *testing.T) {
	const mib = 1 << 20
	for _, tc := range []struct {
		pages    int
		min, max int64 // MiB
	}{
		{0, 224, 224},
		{10000, 330, 350},
		{100000, 1380, 1410},
	} {
		got := memoryLimit(tc.pages)
		if got < tc.min*mib || got > tc.max*mib {
			t.Errorf("memoryLimit(%d) = %d MiB, want %d-%d", tc.pages, got/mib, tc.min, tc.max)
		}
	}
	if memoryLimit(math.MaxInt32) <= memoryLimit(100000) {
		t.Error("the limit does not grow with the site")
	}
}

func TestParseMemoryLimit(t *testing.T) {
	for in, want := range map[string]int{"auto": -1, "0": 0, "1024": 1024, "1024MiB": 1024} {
		if got, err := parseMemoryLimit(in); err != nil || got != want {
			t.Errorf("parseMemoryLimit(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "-5", "1GB", "mycket"} {
		if _, err := parseMemoryLimit(in); err == nil {
			t.Errorf("parseMemoryLimit(%q): no error", in)
		}
	}
}
