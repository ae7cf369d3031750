package main

import (
	"encoding/xml"
	"io"
	"strings"
	"testing"
)

const sample = "meta\tdate\t2026-11-22 14:00 UTC\n" +
	"meta\tnproc\t2\n" +
	"meta\tserve_size\t1000\n" +
	"cmd\tkb\tkb build -root CORPUS -out OUT -v\n" +
	"build\tkb\t1000\t1\t1\t1.50\t1.20\t0.80\t70000\n" +
	"build\thugo\t1000\t1\t2\t4.00\t3.00\t1.00\t250000\n" +
	"build\tpagefind\t1000\t1\t3\t3.00\t4.00\t1.00\t400000\n" +
	"build\tkb\t1000\t2\t3\t2.50\t1.30\t0.70\t72000\n" +
	"build\thugo\t1000\t2\t1\t5.00\t3.00\t1.00\t260000\n" +
	"build\tpagefind\t1000\t2\t2\t2.00\t4.00\t1.00\t390000\n" +
	"build\tkb\t10000\t1\t1\t15\t10\t3\t600000\n" +
	"stage\tkb\t1000\t1\trender\t900\n" +
	"edit\tkb-serve\t1000\t1\t120.5\n" +
	"edit\thugo-server\t1000\t1\ttimeout\n" +
	"skip\tsearch\tnot yet\n"

func TestReport(t *testing.T) {
	d, err := parse(strings.NewReader(sample))
	if err != nil {
		t.Fatal(err)
	}
	// The pipeline pairs hugo's run with pagefind's: times add, memory is the larger.
	hp := d.pick(pipeline, 1000, wall)
	if hp.n != 2 || hp.lo != 7 || hp.hi != 7 {
		t.Errorf("hugo+pagefind wall = %+v, want two runs of 7 s", hp)
	}
	if m := d.pick(pipeline, 1000, rss); m.med != (400000+390000)/2/1024.0 {
		t.Errorf("hugo+pagefind memory median = %v", m.med)
	}
	if k := d.pick("kb", 1000, cpu); k.med != 2.0 {
		t.Errorf("kb CPU median = %v, want 2.0", k.med)
	}
	md := markdown(d, "build-time.svg")
	for _, want := range []string{"kb has no search index yet", "| 1,000 | 0.29 (1/3.5)", "## Search", "**Not measured yet.**", "1 more gave no new page"} {
		if !strings.Contains(md, want) {
			t.Errorf("RESULTS.md lacks %q", want)
		}
	}
	// The plot is well-formed XML.
	dec := xml.NewDecoder(strings.NewReader(plot(d)))
	for {
		if _, err := dec.Token(); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("plot is not well-formed: %v", err)
		}
	}
}

func TestSummarize(t *testing.T) {
	s := summarize([]float64{3, 1, 2, 10})
	if s.med != 2.5 || s.lo != 1 || s.hi != 10 || s.n != 4 {
		t.Errorf("summarize = %+v", s)
	}
	if summarize(nil).present {
		t.Error("no runs should give no figure")
	}
}
