package spool

import (
	"os"
	"syscall"
)

// punchHole frees the file's first n bytes (a multiple of pageSize) from
// the page cache and the disk, keeping its size. A file system that cannot
// is left as it is: dropping is only a saving.
func punchHole(f *os.File, n int64) {
	const keepSize, punchHole = 0x01, 0x02 // FALLOC_FL_KEEP_SIZE, FALLOC_FL_PUNCH_HOLE
	if c, err := f.SyscallConn(); err == nil {
		c.Control(func(fd uintptr) {
			_ = syscall.Fallocate(int(fd), keepSize|punchHole, 0, n)
		})
	}
}
