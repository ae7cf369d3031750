//go:build !linux || !(amd64 || arm64)

package main

// heapHugePages does nothing outside Linux on amd64 and arm64; see
// hugepages.go.
func heapHugePages() (begin, end uintptr) { return 0, 0 }
