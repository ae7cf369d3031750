// Command savebench measures one edit of a preview server (bench/run.sh's
// one-file change): the time from saving a case study to the server
// answering its page with the new text. It measures kb serve and hugo
// server alike.
//
//	savebench -file F -from ORIG -kind body|title -marker M -url URL [-events URL]
//
// It opens the page as a browser would (one request: Hugo's fast render
// mode renders the pages visited first), and with -events also the page's
// event stream, held open until the end as kb's reload.js holds it (kb
// renders the pages in view first), waiting for its first event. It then
// writes F, which is ORIG with the edit of the kind (body: a sentence
// holding M before the first heading; title: M at the start of the title),
// and asks for the page again every 2 ms until the answer holds M. It
// prints the milliseconds from the write to that answer, or "timeout"
// after 600 s.
//
// Every request goes over one keep-alive connection from this one process,
// so a poll costs the server one request and the measurer no process start
// (bench/run.sh used to start curl for each, a few ms per poll that counted
// in both servers' figures). Polling, rather than waiting on each server's
// reload message (kb's server-sent events, Hugo's livereload websocket),
// is the same method for both, and it asks what a reader sees: the page
// served with the new text, not the announcement that it will be.
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"
)

// poll is the pause between two requests for the page: short beside the
// figures measured (tens of ms and more), long enough that the polling
// takes little of the two cores the server shares with it.
const poll = 2 * time.Millisecond

// limit is how long an edit may take before it is given up.
const limit = 600 * time.Second

func main() {
	file := flag.String("file", "", "the case study to write")
	from := flag.String("from", "", "its unedited text")
	kind := flag.String("kind", "body", "body or title")
	marker := flag.String("marker", "", "the text the edit adds, which the page must show")
	url := flag.String("url", "", "the page's URL")
	events := flag.String("events", "", "kb serve's event stream for the page, held open during the edit")
	flag.Parse()
	if *file == "" || *from == "" || *marker == "" || *url == "" {
		flag.Usage()
		os.Exit(2)
	}
	ms, err := measure(*file, *from, *kind, *marker, *url, *events)
	if err != nil {
		fmt.Fprintln(os.Stderr, "savebench:", err)
		os.Exit(1)
	}
	fmt.Println(ms)
}

// measure makes one edit and returns the milliseconds it took, to a tenth,
// or "timeout".
func measure(file, from, kind, marker, url, events string) (string, error) {
	src, err := os.ReadFile(from)
	if err != nil {
		return "", err
	}
	edited, err := edit(kind, string(src), marker)
	if err != nil {
		return "", err
	}
	// One connection for the page, kept alive; the event stream, when
	// there is one, has a client of its own, so it never holds it.
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 1, DisableCompression: true}}
	if _, err := get(client, url); err != nil {
		return "", err
	}
	if events != "" {
		stream, err := openEvents(events)
		if err != nil {
			return "", err
		}
		defer stream.Close()
	}
	t0 := time.Now()
	if err := os.WriteFile(file, []byte(edited), 0o644); err != nil {
		return "", err
	}
	want := []byte(marker)
	for {
		body, err := get(client, url)
		took := time.Since(t0)
		if err == nil && bytes.Contains(body, want) {
			return fmt.Sprintf("%.1f", float64(took.Microseconds())/1000), nil
		}
		if took > limit {
			return "timeout", nil
		}
		time.Sleep(poll)
	}
}

// edit returns src, a case study's file, with the edit of the kind.
func edit(kind, src, marker string) (string, error) {
	var out string
	switch kind {
	case "body":
		out = strings.Replace(src, "\n## ", "\nÄndring "+marker+".\n\n## ", 1)
	case "title":
		out = strings.Replace(src, "\ntitle: \"", "\ntitle: \"Ändrad "+marker+" ", 1)
	default:
		return "", fmt.Errorf("no edit of kind %q", kind)
	}
	if out == src {
		return "", fmt.Errorf("nowhere to make a %s edit", kind)
	}
	return out, nil
}

// get returns the page's body; an answer other than 200 is an error (a
// server between two builds may answer otherwise, and polling goes on).
func get(client *http.Client, url string) ([]byte, error) {
	resp, err := client.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%s: %s", url, resp.Status)
	}
	return body, nil
}

// openEvents opens the event stream and returns once its first event has
// come: the server then counts the page as in view.
func openEvents(url string) (io.Closer, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		return nil, fmt.Errorf("%s: %s", url, resp.Status)
	}
	lines := bufio.NewScanner(resp.Body)
	for lines.Scan() {
		if strings.HasPrefix(lines.Text(), "event:") {
			return resp.Body, nil
		}
	}
	resp.Body.Close()
	return nil, fmt.Errorf("%s: the stream ended before its first event", url)
}
