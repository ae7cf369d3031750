// Command kb builds and checks the knowledge base.
//
//	kb build [flags]          check the content and publish the site to public/
//	kb check [flags]          check the content; print every problem; write nothing
//	kb new fallstudie "Titel" start a new case study (or: kb new initiativ "Titel")
//	kb search "fråga"         search the pages as the site's search does
//	kb import-issue -number N an issue made from the case-study form to a case study
//	kb version                the version and commit kb was built from
//
// Run `kb help` for the flags. The exit status is 1 when the content has
// problems, 2 when the command was used wrongly or the machine failed.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"kunskapsbanken/generator/internal/diag"
	"kunskapsbanken/generator/internal/linkcheck"
	"kunskapsbanken/generator/internal/load"
	"kunskapsbanken/generator/internal/pipeline"
	"kunskapsbanken/generator/internal/scaffold"
	"kunskapsbanken/generator/internal/serve"
	"kunskapsbanken/generator/internal/vocab"
)

const usage = `kb bygger kunskapsbanken.

Användning:
  kb build [-root .] [-out public] [-drafts] [-base-url URL] [-repository URL] [-branch GREN]
        kontrollerar innehållet och publicerar webbplatsen i -out; en mapp som
        finns ersätts bara om kb har byggt den (eller om den är tom)
  kb check [-root .] [-drafts] [-format text|github] [-changed [-base REF]] [-external] [fil …]
        kontrollerar det som kb build skulle publicera (med -drafts också utkasten)
        och skriver ut alla problem, skriver inga filer;
        med -changed eller filer som argument bara det som ändrats och sidor som
        nämner det; med -external också länkar till andra webbplatser
  kb serve [-root .] [-addr 127.0.0.1:1313]
        förhandsvisning med utkast, som uppdateras och laddas om när du sparar
  kb new fallstudie "Titel"   (eller: kb new initiativ "Titel")
        skapar en ny sida med front matter att fylla i; utan titel, i ett
        terminalfönster, frågar kb new efter rubrik, sammanfattning, kommun,
        områden och status
  kb import-issue -number N [-date ÅÅÅÅ-MM-DD] [-comment FIL] [fil]
        gör en fallstudie av ett ärende skrivet med formuläret Föreslå en
        fallstudie (texten från filen eller standard in); skriver fallstudien,
        eller vad som behöver ändras i ärendet
  kb version
        skriver ut kb:s version och commit
  kb search [-root .] [-n 10] [-v] [-filter fasett=nyckel …] "fråga"
        söker bland sidorna med samma rangordning som webbplatsens sökning;
        flaggorna får också stå efter frågan: kb search "larm" -n 3

Problem skrivs som sökväg:rad:kolumn: meddelande. Slutstatus 1 betyder att
innehållet har fel, 2 att kommandot användes fel eller att något annat gick fel.
`

func main() {
	if len(os.Args) > 1 && os.Args[1] == "build" {
		// Before the heap grows; not in run, which kb's tests call.
		heapHugePages()
	}
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, time.Now))
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer, now func() time.Time) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch args[0] {
	case "build":
		return cmdBuild(args[1:], stdout, stderr)
	case "check":
		return cmdCheck(args[1:], stdout, stderr)
	case "new":
		return cmdNew(args[1:], stdin, stdout, stderr, now())
	case "serve":
		return cmdServe(args[1:], stdout, stderr)
	case "search":
		return cmdSearch(args[1:], stdout, stderr)
	case "import-issue":
		return cmdImportIssue(args[1:], stdin, stdout, stderr, now())
	case "version", "-version", "--version":
		fmt.Fprintln(stdout, versionLine())
		return 0
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "kb: okänt kommando %q\n\n%s", args[0], usage)
	return 2
}

func cmdBuild(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("kb build", flag.ContinueOnError)
	fl.SetOutput(stderr)
	root := fl.String("root", ".", "projektets mapp (med site.yaml och content/, och themes/ om projektet har ett eget tema)")
	out := fl.String("out", "public", "mappen webbplatsen publiceras i (en relativ sökväg räknas från -root)")
	drafts := fl.Bool("drafts", false, "ta med utkast (draft: true)")
	baseURL := fl.String("base-url", "", "webbplatsens adress, i stället för baseURL i site.yaml")
	repository := fl.String("repository", "", "repositoryts webbadress för länkarna Föreslå en ändring, i stället för repository i site.yaml")
	branch := fl.String("branch", "", "grenen länkarna pekar på, i stället för branch i site.yaml")
	verbose := fl.Bool("v", false, "skriv ut hur lång tid varje steg tog, hur mycket processortid det använde och hur mycket minne det allokerade")
	cpuProfile := fl.String("cpuprofile", "", "skriv en CPU-profil (runtime/pprof) av bygget till filen, för go tool pprof")
	memProfile := fl.String("memprofile", "", "skriv en minnesprofil (runtime/pprof, allokeringar) efter bygget till filen, för go tool pprof")
	memLimit := fl.String("memory-limit", "auto", "mjuk gräns för minnet i MiB, som skräpsamlaren håller bygget under (0: ingen); auto: 224 MiB och 12 KiB per sida, 341 MiB vid 10 000 sidor, knappt 1,4 GiB vid 100 000. Miljövariablerna GOMEMLIMIT och GOGC går före")
	if fl.Parse(args) != nil || fl.NArg() > 0 {
		return 2
	}
	limitMiB, err := parseMemoryLimit(*memLimit)
	if err != nil {
		fmt.Fprintf(stderr, "kb: %v\n", err)
		return 2
	}
	stop, err := startProfiles(*cpuProfile, *memProfile)
	if err != nil {
		fmt.Fprintf(stderr, "kb: %v\n", err)
		return 2
	}
	defer func() {
		if err := stop(); err != nil {
			fmt.Fprintf(stderr, "kb: %v\n", err)
		}
	}()
	loaded, restore := memoryPolicy(limitMiB, os.Getenv)
	defer restore()
	outDir := *out
	if !filepath.IsAbs(outDir) {
		outDir = filepath.Join(*root, outDir)
	}
	start := time.Now()
	res, err := pipeline.Run(pipeline.Options{Root: load.Dir(*root), Out: outDir, Drafts: *drafts, BaseURL: *baseURL, Repository: *repository, Branch: *branch, Cache: pipeline.ImageCache(*root), Loaded: loaded})
	res.Diags.WriteText(stderr)
	if err != nil {
		fmt.Fprintf(stderr, "kb: %v\n", err)
		return 2
	}
	if *verbose {
		for _, s := range res.Stages {
			fmt.Fprintf(stderr, "  %-9s %6.0f ms  user %6.0f ms  system %6.0f ms  allocated %6d MiB\n", s.Name, ms(s.Time), ms(s.User), ms(s.System), s.Allocated>>20)
		}
	}
	if !res.Published {
		errs, _ := res.Diags.Count()
		fmt.Fprintf(stderr, "kb: %d fel; webbplatsen publicerades inte och %s är orörd\n", errs, *out)
		return 1
	}
	fmt.Fprintf(stdout, "kb: %d sidor, %d filer i %s på %d ms\n", len(res.Site.Pages), res.Files, *out, time.Since(start).Milliseconds())
	return 0
}

func cmdCheck(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("kb check", flag.ContinueOnError)
	fl.SetOutput(stderr)
	root := fl.String("root", ".", "projektets mapp (med site.yaml och content/, och themes/ om projektet har ett eget tema)")
	format := fl.String("format", "text", "text, eller github för anteckningar i en pull request")
	drafts := fl.Bool("drafts", false, "ta med utkast (draft: true), som kb build -drafts och kb serve")
	changed := fl.Bool("changed", false, "kontrollera bara filer som ändrats sedan -base (och sidor som nämner dem)")
	base := fl.String("base", "", "grenen ändringarna jämförs med (standard: origin/main, annars main)")
	external := fl.Bool("external", false, "kontrollera också länkar till andra webbplatser (kräver nätverk; svar sparas i .cache/)")
	if fl.Parse(args) != nil {
		return 2
	}
	var only []string
	if *changed {
		var err error
		if only, err = changedFiles(*root, *base); err != nil {
			fmt.Fprintf(stderr, "kb check: %v\n", err)
			return 2
		}
	}
	for _, p := range fl.Args() { // paths as arguments: kb check content/fallstudier/lund.md
		only = append(only, filepath.ToSlash(p))
	}
	if (*changed || fl.NArg() > 0) && only == nil {
		fmt.Fprintln(stderr, "kb check: inga ändrade filer")
		return 0
	}
	if *format != "text" && *format != "github" {
		fmt.Fprintf(stderr, "kb check: -format är text eller github, inte %q\n", *format)
		return 2
	}
	res, err := pipeline.Run(pipeline.Options{Root: load.Dir(*root), Drafts: *drafts, Only: only, Cache: pipeline.ImageCache(*root)})
	if err != nil {
		fmt.Fprintf(stderr, "kb: %v\n", err)
		return 2
	}
	if *external {
		d, err := checkExternal(*root, res.Site, linkcheck.Options{})
		if err != nil {
			fmt.Fprintf(stderr, "kb check: %v\n", err)
		}
		res.Diags.Append(d)
		res.Diags.Sort()
	}
	if *format == "github" {
		if err := writeSummary(res.Diags, stdout); err != nil {
			fmt.Fprintf(stderr, "kb check: %v\n", err)
			return 2
		}
		res.Diags.WriteGitHub(stdout)
	} else {
		res.Diags.WriteText(stdout)
	}
	errs, warns := res.Diags.Count()
	if errs > 0 {
		fmt.Fprintf(stderr, "kb check: %d fel, %d varningar\n", errs, warns)
		return 1
	}
	fmt.Fprintf(stderr, "kb check: inga fel (%d sidor, %d varningar)\n", len(res.Site.Pages), warns)
	return 0
}

// writeSummary appends every problem to the job summary when GitHub
// Actions names one ($GITHUB_STEP_SUMMARY), since GitHub shows only the
// first 10 annotations of a step, and says where it is in a notice, which
// GitHub counts apart from errors and warnings.
func writeSummary(d diag.List, stdout io.Writer) error {
	name := os.Getenv("GITHUB_STEP_SUMMARY")
	if name == "" {
		return nil
	}
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return err
	}
	err = d.WriteSummary(f, "kb check")
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil || len(d) == 0 {
		return err
	}
	where := "i körningens sammanfattning (Summary)"
	if server, repo, id := os.Getenv("GITHUB_SERVER_URL"), os.Getenv("GITHUB_REPOSITORY"), os.Getenv("GITHUB_RUN_ID"); server != "" && repo != "" && id != "" {
		where += ": " + server + "/" + repo + "/actions/runs/" + id
	}
	_, err = fmt.Fprintf(stdout, "::notice title=Alla %d problem::GitHub visar högst 10 fel per steg här. Hela listan, fil för fil, finns %s\n", len(d), where)
	return err
}

// isTerminal says whether kb new may ask: standard input is a terminal,
// or (in tests) a reader that is not a file.
func isTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	if !ok {
		return true
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// readAreas reads content/omraden.yaml, refusing one with errors.
func readAreas(root string) (*vocab.Areas, error) {
	src, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(load.AreasPath)))
	if err != nil {
		return nil, err
	}
	var d diag.List
	areas := vocab.ParseAreas(load.AreasPath, src, &d)
	if d.HasErrors() {
		var b strings.Builder
		d.WriteText(&b)
		return nil, fmt.Errorf("%s har fel; rätta dem först:\n%s", load.AreasPath, b.String())
	}
	return areas, nil
}

func cmdServe(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("kb serve", flag.ContinueOnError)
	fl.SetOutput(stderr)
	root := fl.String("root", ".", "projektets mapp (med site.yaml och content/, och themes/ om projektet har ett eget tema)")
	addr := fl.String("addr", "127.0.0.1:1313", "adress och port att lyssna på")
	if fl.Parse(args) != nil || fl.NArg() > 0 {
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := serve.Run(ctx, serve.Options{Root: *root, Addr: *addr, Out: stdout}); err != nil {
		fmt.Fprintf(stderr, "kb serve: %v\n", err)
		return 2
	}
	return 0
}

func cmdNew(args []string, stdin io.Reader, stdout, stderr io.Writer, today time.Time) int {
	fl := flag.NewFlagSet("kb new", flag.ContinueOnError)
	fl.SetOutput(stderr)
	root := fl.String("root", ".", "projektets mapp")
	if fl.Parse(args) != nil {
		return 2
	}
	var rel string
	var text []byte
	switch {
	case fl.NArg() <= 1 && (fl.NArg() == 0 || fl.Arg(0) == "fallstudie") && isTerminal(stdin):
		// No title, in a terminal: ask for what a case study needs.
		areas, err := readAreas(*root)
		if err != nil {
			fmt.Fprintf(stderr, "kb new: %v\n", err)
			return 2
		}
		exists := func(p string) bool {
			_, err := os.Stat(filepath.Join(*root, filepath.FromSlash(p)))
			return err == nil
		}
		c, err := scaffold.Ask(stdin, stdout, vocab.Sweden(), areas, exists)
		if err != nil {
			fmt.Fprintf(stderr, "kb new: %v\n", err)
			return 1
		}
		rel, text = c.File(today)
	case fl.NArg() == 2:
		kind, ok := scaffold.Kinds[fl.Arg(0)]
		if !ok {
			fmt.Fprintf(stderr, "kb new: %q är ingen sorts sida; välj fallstudie eller initiativ\n", fl.Arg(0))
			return 2
		}
		var err error
		if rel, text, err = scaffold.New(kind, fl.Arg(1), today); err != nil {
			fmt.Fprintf(stderr, "kb new: %v\n", err)
			return 2
		}
	default:
		fmt.Fprintln(stderr, `kb new: skriv kb new fallstudie "Titel" eller kb new initiativ "Titel", eller bara kb new i ett terminalfönster för att svara på frågor`)
		return 2
	}
	name := filepath.Join(*root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		fmt.Fprintf(stderr, "kb new: %v\n", err)
		return 2
	}
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, os.ErrExist) {
		fmt.Fprintf(stderr, "kb new: %s finns redan och skrivs inte över; välj en annan titel eller redigera filen\n", rel)
		return 1
	}
	if err == nil {
		_, err = f.Write(text)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "kb new: %v\n", err)
		return 2
	}
	fmt.Fprintf(stdout, "%s\nSkriv texten under front matter och kör kb check; kb check pekar ut det som saknas.\n", rel)
	return 0
}

// ms is d in milliseconds, for kb build -v.
func ms(d time.Duration) float64 { return d.Seconds() * 1000 }
