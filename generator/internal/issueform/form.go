// Package issueform is the case-study issue form,
// .github/ISSUE_TEMPLATE/ny-fallstudie.yml, and the conversion of an issue
// made from it into a case study's Markdown file.
//
// One table, Fields, names every answer of the form, its label and the
// front matter key it becomes. Template writes the form from that table and
// the vocabularies (the 290 municipalities embedded in vocab, the areas of
// content/omraden.yaml), so the form offers exactly the names kb accepts;
// a test fails when the committed form differs from what Template writes
// (go test ./generator/internal/issueform -update writes it again).
//
// Convert reads an issue body as GitHub renders a submitted form: each
// answer under a "### Label" heading, "_No response_" for an empty answer,
// a multiple-choice dropdown's answers joined by ", ", a checkbox as
// "- [X] label". It returns the case study's file, with the line of every
// key remembered (Result.Fields), so that a problem `kb check` finds at a
// line can be told to the editor as the answer to change; or the problems
// that keep it from being written, each naming its answer. Comment writes
// those problems as the Swedish comment the workflow posts on the issue.
//
// The issue text is data throughout: every value is written into the front
// matter as a quoted YAML string or after checking its form (a date, an
// id), and the body text is Markdown, which kb renders without raw HTML.
package issueform

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"gopkg.in/yaml.v3"

	"kunskapsbanken/generator/internal/page"
	"kunskapsbanken/generator/internal/vocab"
)

// Path is where the form lives in the repository.
const Path = ".github/ISSUE_TEMPLATE/ny-fallstudie.yml"

// Kind is the type of a form element, as GitHub names it.
type Kind string

const (
	TextInput  Kind = "input"
	Textarea   Kind = "textarea"
	Dropdown   Kind = "dropdown"
	Checkboxes Kind = "checkboxes"
)

// Field is one question of the form.
type Field struct {
	ID          string // the form element's id (GitHub's, also a query parameter)
	Label       string // the heading GitHub writes above the answer in the issue
	Kind        Kind
	Key         string // the front matter key it fills; "body" for the text, "" for none
	Required    bool   // GitHub refuses the form without it
	Description string
	Placeholder string
}

// The fields' ids, for the conversion.
const (
	fieldTitle     = "rubrik"
	fieldSummary   = "sammanfattning"
	fieldMuni      = "kommun"
	fieldRegion    = "region"
	fieldOrg       = "organisation"
	fieldAreas     = "omraden"
	fieldStatus    = "status"
	fieldStarted   = "startade"
	fieldPublished = "publicerad"
	fieldBody      = "text"
	fieldSources   = "kallor"
	fieldContact   = "kontakt"
	fieldTags      = "taggar"
	fieldConsent   = "personuppgifter"
)

// Fields is the form's questions in order. Labels are what an editor sees
// and what Convert looks for; each is unique.
var Fields = []Field{
	{ID: fieldTitle, Label: "Rubrik", Kind: TextInput, Key: "title", Required: true,
		Description: fmt.Sprintf("Fallstudiens rubrik, högst %d tecken. Den blir också sidans adress.", page.MaxTitle),
		Placeholder: "Digitala lås i Lunds hemtjänst"},
	{ID: fieldSummary, Label: "Sammanfattning", Kind: Textarea, Key: "summary", Required: true,
		Description: fmt.Sprintf("En eller två meningar: vad gjordes och vad gav det? Högst %d tecken.", page.MaxSummary)},
	{ID: fieldMuni, Label: "Kommun", Kind: Dropdown, Key: "municipality",
		Description: "Kommunen arbetet gjordes i, som SCB skriver namnet. Gäller det en regions arbete, lämna tomt och skriv regionen nedan."},
	{ID: fieldRegion, Label: "Region", Kind: TextInput, Key: "region",
		Description: "Bara för arbete som en region gör, till exempel Region Skåne. Annars tomt.",
		Placeholder: "Region Skåne"},
	{ID: fieldOrg, Label: "Organisation", Kind: TextInput, Key: "organisations",
		Description: "Förvaltningen eller enheten som gjorde arbetet (kan lämnas tomt).",
		Placeholder: "Vård- och omsorgsförvaltningen"},
	{ID: fieldAreas, Label: "Teknikområden", Kind: Dropdown, Key: "areas", Required: true,
		Description: "Ett eller flera områden som arbetet handlar om."},
	{ID: fieldStatus, Label: "Status", Kind: Dropdown, Key: "status", Required: true,
		Description: "Hur långt har arbetet kommit i dag? Planerad: det finns en plan men inget används ännu. Pilot: prövas i liten skala. Införd: används i den vanliga verksamheten. Spridd: används brett. Avslutad: arbetet har upphört."},
	{ID: fieldStarted, Label: "Startade", Kind: TextInput, Key: "started",
		Description: "Året arbetet började, till exempel 2021, eller ett datum som 2021-03-15 (kan lämnas tomt).",
		Placeholder: "2021"},
	{ID: fieldPublished, Label: "Publicerad", Kind: TextInput, Key: "published",
		Description: "När erfarenheten publicerades, som år-månad-dag. Bygger texten på en källa, skriv källans datum. Tomt betyder dagens datum.",
		Placeholder: "2022-05-10"},
	{ID: fieldBody, Label: "Berättelse", Kind: Textarea, Key: "body", Required: true,
		Description: "Berätta med egna ord. Förslag på rubriker: ## Bakgrund, ## Vad gjordes, ## Resultat, ## Lärdomar. Länkar skrivs [text](https://…)."},
	{ID: fieldSources, Label: "Källor", Kind: Textarea, Key: "sources",
		Description: "En källa per rad: titel; utgivare; datum; länk. Datum och länk kan utelämnas.",
		Placeholder: "Utvärdering av digitala lås; Lunds kommun; 2021-03-01; https://www.lund.se/..."},
	{ID: fieldContact, Label: "Kontakt", Kind: TextInput, Key: "contact",
		Description: "En förvaltning, enhet eller funktion som läsare kan vända sig till. Aldrig en enskild persons telefonnummer eller e-postadress.",
		Placeholder: "Vård- och omsorgsförvaltningen, Lunds kommun"},
	{ID: fieldTags, Label: "Nyckelord", Kind: TextInput, Key: "tags",
		Description: "Fria nyckelord, avskilda med komma (kan lämnas tomt).",
		Placeholder: "nattillsyn, samtycke"},
	{ID: fieldConsent, Label: "Personuppgifter", Kind: Checkboxes, Required: true},
}

// consentLabel is the one checkbox of the consent field.
const consentLabel = "Texten innehåller inga personuppgifter, till exempel namn på brukare eller privata telefonnummer och e-postadresser."

// field returns the field with id.
func field(id string) Field {
	for _, f := range Fields {
		if f.ID == id {
			return f
		}
	}
	panic("issueform: no field " + id)
}

// The form as YAML: the structs' field order is the file's key order.
type form struct {
	Name        string    `yaml:"name"`
	Description string    `yaml:"description"`
	Title       string    `yaml:"title"`
	Labels      []string  `yaml:"labels"`
	Body        []element `yaml:"body"`
}

type element struct {
	Type        Kind         `yaml:"type"`
	ID          string       `yaml:"id,omitempty"`
	Attributes  attributes   `yaml:"attributes"`
	Validations *validations `yaml:"validations,omitempty"`
}

type attributes struct {
	Label       string `yaml:"label,omitempty"`
	Description string `yaml:"description,omitempty"`
	Placeholder string `yaml:"placeholder,omitempty"`
	Value       string `yaml:"value,omitempty"`
	Multiple    bool   `yaml:"multiple,omitempty"`
	Options     any    `yaml:"options,omitempty"`
}

type validations struct {
	Required bool `yaml:"required"`
}

type checkbox struct {
	Label    string `yaml:"label"`
	Required bool   `yaml:"required"`
}

const intro = `Här skriver du en fallstudie direkt i webbläsaren. När du skickar formuläret gör kunskapsbanken en fil av dina svar, kontrollerar den och öppnar en pull request: ett förslag som redaktionen granskar innan det publiceras. Blir något fel svarar vi här i ärendet och säger vilket svar du ska ändra. Ändra då ärendet (de tre punkterna, Edit), så görs filen om.

Skriv inga personuppgifter: inga namn på brukare och inga privata telefonnummer eller e-postadresser.`

// Template writes the issue form: the fields of Fields, with the
// municipalities of geo and the areas as the dropdowns' options.
func Template(geo *vocab.Geography, areas *vocab.Areas) ([]byte, error) {
	f := form{
		Name:        "Föreslå en fallstudie",
		Description: "Dela en kommuns eller regions erfarenheter av välfärdsteknik i äldreomsorgen. Svaren blir en fallstudie som redaktionen granskar.",
		Title:       "Fallstudie: ",
		Labels:      []string{"fallstudie"},
		Body:        []element{{Type: "markdown", Attributes: attributes{Value: intro}}},
	}
	for _, fl := range Fields {
		e := element{Type: fl.Kind, ID: fl.ID, Attributes: attributes{Label: fl.Label, Description: fl.Description, Placeholder: fl.Placeholder}}
		if fl.Kind != Checkboxes {
			e.Validations = &validations{Required: fl.Required}
		}
		switch fl.ID {
		case fieldMuni:
			// In Swedish alphabetical order (Å, Ä, Ö last), as an editor
			// looks for a name in a long list.
			names := slices.Clone(geo.Names())
			collate.New(language.Swedish).SortStrings(names)
			e.Attributes.Options = names
		case fieldAreas:
			var labels []string
			for _, a := range areas.List {
				if strings.Contains(a.Label, ", ") {
					return nil, fmt.Errorf("området %s: etiketten %q har ett kommatecken, som formuläret använder mellan svaren", a.ID, a.Label)
				}
				labels = append(labels, a.Label)
			}
			e.Attributes.Options, e.Attributes.Multiple = labels, true
		case fieldStatus:
			var labels []string
			for _, s := range page.Statuses {
				labels = append(labels, s.Label())
			}
			e.Attributes.Options = labels
		case fieldConsent:
			e.Attributes.Options = []checkbox{{Label: consentLabel, Required: true}}
		}
		f.Body = append(f.Body, e)
	}
	var b bytes.Buffer
	b.WriteString("# Written by kb from generator/internal/issueform (the questions), the\n" +
		"# municipalities kb embeds and content/omraden.yaml: do not edit by hand, run\n" +
		"# go test ./generator/internal/issueform -update after changing any of them.\n")
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(f); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
