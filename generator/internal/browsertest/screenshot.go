package browsertest

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// ScreenshotDir is where [Page.Screenshot] writes: $KB_TEST_OUT, or else
// <repository>/test-output/screenshots/.
func ScreenshotDir() (string, error) {
	if dir := os.Getenv("KB_TEST_OUT"); dir != "" {
		return dir, nil
	}
	root, err := RepoRoot()
	if err != nil {
		return "", err
	}
	return filepath.Join(root, "test-output", "screenshots"), nil
}

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// Screenshot writes a PNG of the whole page (not only the viewport) to
// name.png in [ScreenshotDir], and returns its path. Characters other than
// letters, digits, dot, dash and underscore in name become dashes.
func (p *Page) Screenshot(t testing.TB, name string) string {
	t.Helper()
	dir, err := ScreenshotDir()
	if err != nil {
		t.Fatal(err)
	}
	return p.screenshot(t, dir, name, chromedp.FullScreenshot(100)) // 100: PNG, not JPEG
}

// ScreenshotView writes a PNG of what the window shows (the viewport, at
// one device pixel per CSS pixel) to name.png in dir, and returns its path.
// It is for pictures in documentation, which should be small.
func (p *Page) ScreenshotView(t testing.TB, dir, name string) string {
	t.Helper()
	return p.screenshot(t, dir, name, chromedp.CaptureScreenshot())
}

// screenshot takes a screenshot with capture and writes it to name.png in
// dir, checking that it is a PNG.
func (p *Page) screenshot(t testing.TB, dir, name string, capture chromedp.Action[[]byte]) string {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(p.ctx, 30*time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, capture)
	if err != nil {
		t.Fatalf("browsertest: screenshot of %s: %v", p.URL, err)
	}
	if !bytes.HasPrefix(png, []byte("\x89PNG\r\n\x1a\n")) {
		t.Fatalf("browsertest: screenshot of %s is not a PNG (%d bytes)", p.URL, len(png))
	}
	path := filepath.Join(dir, unsafeName.ReplaceAllString(name, "-")+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}
