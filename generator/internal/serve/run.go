package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"

	"kunskapsbanken/generator/internal/load"
	"kunskapsbanken/generator/internal/pipeline"
	"kunskapsbanken/generator/internal/watch"
)

// Options of a preview session.
type Options struct {
	Root     string                                    // the project folder
	Addr     string                                    // host:port to listen on; default 127.0.0.1:1313
	Out      io.Writer                                 // where the session reports: the URL, each update, errors
	OnUpdate func(*pipeline.Update, *pipeline.Preview) // called after each update, for tests and benchmarks
	Listener net.Listener                              // used instead of listening on Addr, for tests
}

// Run builds the site, serves it and keeps it up to date until ctx ends.
func Run(ctx context.Context, opts Options) error {
	if opts.Addr == "" {
		opts.Addr = "127.0.0.1:1313"
	}
	if opts.Out == nil {
		opts.Out = io.Discard
	}
	ln := opts.Listener
	if ln == nil {
		var err error
		if ln, err = net.Listen("tcp", opts.Addr); err != nil {
			if errors.Is(err, syscall.EADDRINUSE) {
				return fmt.Errorf("adressen %s används redan (kanske av en annan kb serve); välj en annan, till exempel kb serve -addr 127.0.0.1:1314", opts.Addr)
			}
			return fmt.Errorf("kan inte lyssna på %s: %v", opts.Addr, err)
		}
	}
	defer ln.Close()
	if host, _, _ := net.SplitHostPort(ln.Addr().String()); !net.ParseIP(host).IsLoopback() {
		fmt.Fprintf(opts.Out, "varning: förhandsvisningen nås från andra datorer via %s, utkast också\n", ln.Addr())
	}

	// Watch before the first build, so nothing saved during it is missed.
	// A save stops the search index's build at its first event, not when
	// its update starts: the build would take the cores from the watcher
	// and the update meanwhile.
	p := pipeline.NewPreview(pipeline.Options{Root: os.DirFS(opts.Root), BaseURL: "/", Cache: pipeline.ImageCache(opts.Root)})
	w, err := watch.New(opts.Root, []string{load.ContentDir, "themes"}, watch.Options{Ignore: load.Ignored, Begun: p.StopSearch})
	if err != nil {
		return fmt.Errorf("kan inte bevaka projektet: %v", err)
	}
	defer w.Close()

	listen := opts.Addr
	if opts.Listener != nil {
		listen = ln.Addr().String()
	}
	srv := NewServer(p, listen)
	update := func(changed []string) error {
		u, err := p.Update(changed, srv.InView()...)
		if err != nil {
			return err
		}
		report(opts.Out, u, changed)
		srv.Published(u)
		if opts.OnUpdate != nil {
			opts.OnUpdate(u, p)
		}
		return nil
	}
	if err := update(nil); err != nil {
		return err
	}

	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	fmt.Fprintf(opts.Out, "Förhandsvisningen finns på http://%s/ och uppdateras när du sparar. Avsluta med Ctrl-C.\n", browseAddr(ln.Addr()))

	for {
		select {
		case <-ctx.Done():
			shutdown, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			defer cancel()
			hs.Shutdown(shutdown)
			return nil
		case err := <-served:
			return err
		case err := <-w.Errors:
			fmt.Fprintf(opts.Out, "bevakningen: %v\n", err)
		case batch, ok := <-w.Batches:
			if !ok {
				return nil
			}
			if batch != nil {
				batch = relevant(batch)
				if len(batch) == 0 {
					p.ResumeSearch() // stopped for nothing
					continue
				}
			}
			if err := update(batch); err != nil {
				return err
			}
		}
	}
}

// browseAddr is the address to open in a browser: the one listened on, or
// localhost when that is every interface (0.0.0.0 or [::]), which is no
// address to visit and no name the preview answers to.
func browseAddr(a net.Addr) string {
	ap, err := netip.ParseAddrPort(a.String())
	if err != nil || !ap.Addr().IsUnspecified() {
		return a.String()
	}
	return net.JoinHostPort("localhost", strconv.Itoa(int(ap.Port())))
}

// relevant keeps the paths that can change the site.
func relevant(batch []string) []string {
	var out []string
	for _, p := range batch {
		if p == load.ConfigPath || strings.HasPrefix(p, load.ContentDir+"/") || p == load.ContentDir || strings.HasPrefix(p, "themes/") || p == "themes" {
			out = append(out, p)
		}
	}
	return out
}

func report(out io.Writer, u *pipeline.Update, changed []string) {
	now := time.Now().Format("15:04:05")
	if u.Published {
		what := "allt"
		if changed != nil {
			what = strings.Join(changed, ", ")
			if len(changed) > 3 {
				what = fmt.Sprintf("%s och %d filer till", strings.Join(changed[:3], ", "), len(changed)-3)
			}
		}
		fmt.Fprintf(out, "%s %d sidor uppdaterade på %d ms (%s)\n", now, u.Rendered, u.Elapsed.Milliseconds(), what)
	}
	u.Diags.WriteText(out)
	if errs, _ := u.Diags.Count(); errs > 0 {
		fmt.Fprintf(out, "%s %d fel: förhandsvisningen visar den senaste versionen utan fel tills felen är rättade\n", now, errs)
	}
}
