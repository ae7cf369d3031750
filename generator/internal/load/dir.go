package load

import (
	"io/fs"
	"os"
)

// Dir returns the project in the folder root, as os.DirFS(root) does,
// whose ReadFile, which reads every page of a build, makes fewer system
// calls on Unix: os.ReadFile offers each file to the runtime's poller,
// which refuses regular files (four fcntl calls and a failed epoll_ctl),
// and reads twice, the second time to meet the end (readFile).
func Dir(root string) fs.FS {
	return dirFS{root: root, os: os.DirFS(root)}
}

// dirFS is os.DirFS with its own ReadFile.
type dirFS struct {
	root string
	os   fs.FS // os.DirFS(root), for everything else
}

func (d dirFS) Open(name string) (fs.File, error) { return d.os.Open(name) }

func (d dirFS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(d.os, name) }

func (d dirFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(d.os, name) }
