package browsertest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"
)

// B is the one browser of the test binary. Its tabs are opened with
// [B.Open].
type B struct {
	ctx context.Context // the browser's first tab; new tabs are its children

	mu     sync.Mutex
	idle   []*tab // tabs on about:blank, for the next Open
	closed bool
}

// The browser is started on first use and shared by every test of the
// binary: starting Chromium costs about a second, a tab a few milliseconds.
var shared struct {
	mu      sync.Mutex
	started bool
	b       *B
	err     error // why it could not start; every later test fails the same way
	cancel  context.CancelFunc
}

// chromiumFlags are the flags that work on the project's machines (see the
// machine notes): headless, no sandbox as root, and no background
// connections, which the closed network would refuse many times a second.
var chromiumFlags = []chromedp.ExecAllocatorOption{
	chromedp.Headless,
	chromedp.NoSandbox,
	chromedp.DisableGPU,
	chromedp.NoFirstRun,
	chromedp.NoDefaultBrowserCheck,
	chromedp.Flag("disable-quic", true),
	chromedp.Flag("disable-background-networking", true),
	chromedp.Flag("disable-component-update", true),
	chromedp.Flag("disable-sync", true),
	chromedp.Flag("disable-extensions", true),
	chromedp.Flag("disable-default-apps", true),
	chromedp.Flag("disable-breakpad", true),
	chromedp.Flag("disable-dev-shm-usage", true),
	chromedp.Flag("disable-features", "Translate,MediaRouter,OptimizationHints"),
	chromedp.Flag("metrics-recording-only", true),
	chromedp.Flag("password-store", "basic"),
	chromedp.Flag("force-color-profile", "srgb"),
	// The user data folder is not set: chromedp makes a fresh temporary one
	// for each start and removes it when the browser stops.
}

// ChromiumPath finds Chromium: $CHROMIUM, /usr/bin/chromium, or chromium
// or chromium-browser on the PATH. It returns "" when there is none.
func ChromiumPath() string {
	if p := os.Getenv("CHROMIUM"); p != "" {
		if _, err := os.Stat(p); err == nil {
			return p
		}
		if p, err := exec.LookPath(p); err == nil {
			return p
		}
		return ""
	}
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// Browser returns the test binary's browser, starting it on the first call.
// When Chromium is not installed it skips the test, or, when the
// environment variable CI is set, fails it: CI must not pass by skipping.
func Browser(t testing.TB) *B {
	t.Helper()
	shared.mu.Lock()
	defer shared.mu.Unlock()
	if !shared.started {
		shared.started = true
		shared.b, shared.cancel, shared.err = start()
	}
	if errors.Is(shared.err, errNoChromium) {
		missing(t, "Chromium is not installed (looked for $CHROMIUM, /usr/bin/chromium, chromium-browser); run scripts/install-test-deps.sh")
	}
	if shared.err != nil {
		t.Fatalf("starting Chromium: %v", shared.err)
	}
	return shared.b
}

var errNoChromium = errors.New("no chromium")

func start() (*B, context.CancelFunc, error) {
	exe := ChromiumPath()
	if exe == "" {
		return nil, nil, errNoChromium
	}
	opts := append([]chromedp.ExecAllocatorOption{chromedp.ExecPath(exe)}, chromiumFlags...)
	// The allocator's context is not a test's: the browser outlives the
	// test that started it, until Close.
	actx, acancel := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	if err := chromedp.Do(ctx); err != nil { // starts the browser
		cancel()
		acancel()
		return nil, nil, fmt.Errorf("%s: %w", exe, err)
	}
	b := &B{ctx: ctx}
	stop := func() {
		b.mu.Lock()
		b.closed = true
		b.mu.Unlock()
		cancel()
		acancel() // waits for the process and removes its profile
	}
	return b, stop, nil
}

// Close stops the browser, if one was started, and removes its temporary
// profile. Call it at the end of TestMain, after m.Run; [Main] does.
func Close() {
	shared.mu.Lock()
	defer shared.mu.Unlock()
	if shared.cancel != nil {
		shared.cancel()
	}
	shared.b, shared.cancel, shared.err, shared.started = nil, nil, nil, false
}

// Main is a TestMain for a package whose tests need nothing else: it runs
// the tests, stops the browser and exits.
func Main(m *testing.M) {
	code := m.Run()
	Close()
	os.Exit(code)
}

// missing skips the test, or fails it on CI, for a test dependency that is
// not installed.
func missing(t testing.TB, msg string) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatal(msg)
	}
	t.Skip(msg)
}
