package watch

import (
	"os"
	"path/filepath"
	"slices"
	"sync/atomic"
	"testing"
	"time"
)

// TestBegun: Begun is called once for a burst of events, before its batch
// is sent, and again for the next burst. (Quiet is a generous two
// seconds, so that a busy machine does not cut a burst of two writes in
// two.)
func TestBegun(t *testing.T) {
	root := t.TempDir()
	if err := os.Mkdir(filepath.Join(root, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	var begun atomic.Int32
	w, err := New(root, []string{"content"}, Options{Quiet: 2 * time.Second, Begun: func() { begun.Add(1) }})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	for burst := int32(1); burst <= 2; burst++ {
		for _, name := range []string{"a.md", "b.md"} {
			if err := os.WriteFile(filepath.Join(root, "content", name), []byte("x"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		select {
		case batch := <-w.Batches:
			if n := begun.Load(); n != burst {
				t.Errorf("burst %d: Begun called %d times by its batch, want %d", burst, n, burst)
			}
			if want := []string{"content/a.md", "content/b.md"}; !slices.Equal(batch, want) {
				t.Errorf("burst %d: batch %q, want %q", burst, batch, want)
			}
		case <-time.After(30 * time.Second):
			t.Fatalf("burst %d: no batch", burst)
		}
	}
}
