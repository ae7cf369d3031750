//go:build !unix

package load

import "io/fs"

// ReadFile reads the file name as os.DirFS does.
func (d dirFS) ReadFile(name string) ([]byte, error) { return fs.ReadFile(d.os, name) }
