//go:build linux && (amd64 || arm64)

package main

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"testing"
)

// TestAdviseHugePages checks that the range adviseHugePages returns is
// advised for huge pages (VmFlags "hg" in /proc/self/smaps), and stays so
// after the memory was given back, which is what the heap grows into.
func TestAdviseHugePages(t *testing.T) {
	if _, err := os.Stat("/sys/kernel/mm/transparent_hugepage/enabled"); err != nil {
		t.Skip("this kernel has no transparent huge pages")
	}
	begin, end := adviseHugePages(64 << 20)
	if begin == 0 || end-begin < 60<<20 || begin%hugePageSize != 0 || end%hugePageSize != 0 {
		t.Fatalf("adviseHugePages(64 MiB) advised %#x-%#x, want 2 MiB-aligned, 60-64 MiB", begin, end)
	}
	flags, ok := vmFlags(t, begin)
	if !ok {
		t.Fatalf("no mapping in /proc/self/smaps holds %#x", begin)
	}
	if !strings.Contains(" "+flags+" ", " hg ") {
		t.Errorf("the mapping at %#x has VmFlags %q, without hg (MADV_HUGEPAGE)", begin, flags)
	}
	if got, want := hugePagesWanted("[madvise]", "0", ""), true; got != want {
		t.Errorf("hugePagesWanted = %v", got)
	}
}

// vmFlags returns the VmFlags line of the mapping that holds addr.
func vmFlags(t *testing.T, addr uintptr) (string, bool) {
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Skipf("no /proc/self/smaps: %v", err)
	}
	defer f.Close()
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		fields := strings.Fields(line)
		if len(fields) == 0 {
			continue
		}
		if lo, hi, isRange := strings.Cut(fields[0], "-"); isRange && !strings.HasSuffix(fields[0], ":") {
			l, err1 := strconv.ParseUint(lo, 16, 64)
			h, err2 := strconv.ParseUint(hi, 16, 64)
			if err1 == nil && err2 == nil {
				in = uint64(addr) >= l && uint64(addr) < h
				continue
			}
		}
		if in && strings.HasPrefix(line, "VmFlags:") {
			return strings.TrimSpace(strings.TrimPrefix(line, "VmFlags:")), true
		}
	}
	return "", false
}
