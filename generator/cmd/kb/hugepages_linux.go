//go:build linux && (amd64 || arm64)

package main

import (
	"os"
	"runtime"
	"runtime/debug"
	"syscall"
	"unsafe"
)

// heapHugePages asks the kernel (madvise MADV_HUGEPAGE) to back the first
// hugeHeapBytes the Go heap grows into (at most a quarter of the machine's
// memory) with 2 MiB pages, if hugePagesWanted says so. It must run before
// the heap grows, at the start of kb build. It returns the range it
// advised (0, 0 if none).
//
// The runtime offers no way to ask, so kb asks for the address space the
// heap is about to grow into: it allocates a slice that large, which the
// runtime maps fresh and never touches (memory from the system needs no
// zeroing), advises its 2 MiB-aligned interior, drops it and returns it
// at once (debug.FreeOSMemory: a collection of a heap still nearly empty).
// The mapping and its advice stay: on Linux the runtime returns memory it
// frees with madvise(MADV_DONTNEED) and takes it back without mapping it
// again, so the heap that later grows into that range is served 2 MiB at
// a time. Nothing is touched here, so memory in use does not grow.
//
// Measured on the bench machine (THP "madvise", 2 cores), one build each
// unless said: at 10,000 pages, two interleaved pairs, page faults
// 83,000-88,000 -> 5,300, CPU (user + sys) 13.3 s -> 11.1-12.1 s, peak
// memory 340-365 MiB either way; at 100,000 pages 165 s of CPU without
// huge pages, 158 s with them for the first 448 MiB, and 200 s with them
// for the whole heap (see hugeHeapBytes).
func heapHugePages() (begin, end uintptr) {
	thp, _ := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled")
	overcommit, _ := os.ReadFile("/proc/sys/vm/overcommit_memory")
	if !hugePagesWanted(string(thp), string(overcommit), os.Getenv("GODEBUG")) {
		return 0, 0
	}
	var info syscall.Sysinfo_t
	if syscall.Sysinfo(&info) != nil {
		return 0, 0
	}
	size := min(uint64(info.Totalram)*uint64(info.Unit)/4, hugeHeapBytes)
	return adviseHugePages(int(size))
}

// hugeHeapBytes is how much of the heap gets huge pages: the part a build
// keeps dense. The heap grows from its low addresses, so that is where
// what lives long sits (the pages, the site, the search index), and all of
// a 10,000-page build's heap (about 350 MiB). Above it, at 100,000 pages,
// is the memory the collector, under kb's memory limit, keeps returning to
// the system and taking back: there huge pages cost more than they save
// (every piece returned splits one, every piece taken back faults one in
// anew), and with the whole heap advised the render stage took 60 s
// instead of 35 s.
const hugeHeapBytes = 448 << 20

// hugePageSize is the size of a transparent huge page on amd64 and arm64
// with 4 KiB pages.
const hugePageSize = 2 << 20

// madvHugepage is MADV_HUGEPAGE, which package syscall does not name.
const madvHugepage = 14

// adviseHugePages allocates size bytes of fresh heap, advises the 2 MiB
// pages within them and gives them back; see heapHugePages.
func adviseHugePages(size int) (begin, end uintptr) {
	if size < 2*hugePageSize {
		return 0, 0
	}
	fresh := make([]byte, size)
	base := uintptr(unsafe.Pointer(unsafe.SliceData(fresh)))
	from := int((base+hugePageSize-1)&^(hugePageSize-1) - base)
	to := int((base+uintptr(size))&^(hugePageSize-1) - base)
	err := syscall.Madvise(fresh[from:to], madvHugepage)
	runtime.KeepAlive(fresh)
	debug.FreeOSMemory()
	if err != nil {
		return 0, 0
	}
	return base + uintptr(from), base + uintptr(to)
}
