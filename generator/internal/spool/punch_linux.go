package spool

import (
	"os"
	"syscall"
)

// fallocPunch is fallocate's mode for a hole that keeps the file's size
// (FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE; package syscall names
// neither).
const fallocPunch = 0x02 | 0x01

// punchHole frees the file's first n bytes (a multiple of pageSize) from
// the page cache and the disk, keeping its size. A file system that cannot
// is left as it is: dropping is only a saving.
func punchHole(f *os.File, n int64) {
	if c, err := f.SyscallConn(); err == nil {
		c.Control(func(fd uintptr) {
			_ = syscall.Fallocate(int(fd), fallocPunch, 0, n)
		})
	}
}
