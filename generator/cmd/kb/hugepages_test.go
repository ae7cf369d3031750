package main

import "testing"

func TestHugePagesWanted(t *testing.T) {
	const madvise = "always [madvise] never\n"
	for _, tc := range []struct {
		name                     string
		thp, overcommit, godebug string
		want                     bool
	}{
		{"madvise", madvise, "0\n", "", true},
		{"always: the kernel gives them anyway", "[always] madvise never\n", "0\n", "", false},
		{"never", "always madvise [never]\n", "0\n", "", false},
		{"no THP in the kernel", "", "0\n", "", false},
		{"strict commit limit", madvise, "2\n", "", false},
		{"overcommit always", madvise, "1\n", "", true},
		{"GODEBUG disablethp", madvise, "0\n", "gctrace=1,disablethp=1", false},
		{"GODEBUG disablethp=0", madvise, "0\n", "disablethp=0", true},
		{"GODEBUG other", madvise, "0\n", "madvdontneed=1", true},
	} {
		if got := hugePagesWanted(tc.thp, tc.overcommit, tc.godebug); got != tc.want {
			t.Errorf("%s: hugePagesWanted(%q, %q, %q) = %v, want %v", tc.name, tc.thp, tc.overcommit, tc.godebug, got, tc.want)
		}
	}
}
