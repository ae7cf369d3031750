// Copied unchanged from the team's shared tools (tools/gencorpus in the shared material,
// "gencorpus"), so the benchmarks in this repository can build their corpus
// without reaching outside it. Run it from the repository root:
//
//	go run ./bench/gencorpus -n 10000 -out DIR -seed 1
//
// bench/corpus.sh wraps it into a buildable project; see also
// generator/internal/pipeline/bench_test.go.

// gencorpus writes a deterministic synthetic corpus of Swedish-language case
// studies about welfare technology in elderly care (välfärdsteknik i
// äldreomsorgen): DIR/fallstudier/<slug>.md, YAML front matter + Markdown.
//
//	go run gencorpus/main.go -n 10000 -out DIR -seed 1
//	go run gencorpus/main.go -vocab          # print the vocabulary, one word a line, and its size
//	go run gencorpus/main.go -n 1000 -out DIR -stats   # also print corpus token statistics
//
// Standard library only. Document i depends only on (seed, i), so the corpus
// for -n 1000 is exactly the first 1000 documents of the corpus for -n 10000.
// The text is synthetic: grammatical-ish Swedish built from templates and a
// hand-made vocabulary with inflected forms, word choice Zipf-weighted, and
// topic words tied to each document's areas.
package main

import (
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// ---------------------------------------------------------------- vocabulary

// Nouns: "g sg def pl pldef" per line; g is n (en-word) or t (ett-word);
// "-" for a missing plural. Genitives are derived (def+s, pldef+s).
const nounsP = `
n brukare brukaren brukare brukarna
n medarbetare medarbetaren medarbetare medarbetarna
n undersköterska undersköterskan undersköterskor undersköterskorna
n sjuksköterska sjuksköterskan sjuksköterskor sjuksköterskorna
n enhetschef enhetschefen enhetschefer enhetscheferna
n biståndshandläggare biståndshandläggaren biståndshandläggare biståndshandläggarna
n arbetsterapeut arbetsterapeuten arbetsterapeuter arbetsterapeuterna
n fysioterapeut fysioterapeuten fysioterapeuter fysioterapeuterna
n projektledare projektledaren projektledare projektledarna
n verksamhetsutvecklare verksamhetsutvecklaren verksamhetsutvecklare verksamhetsutvecklarna
n omsorgstagare omsorgstagaren omsorgstagare omsorgstagarna
n användare användaren användare användarna
n politiker politikern politiker politikerna
n personal personalen - -
n chef chefen chefer cheferna
n förvaltningschef förvaltningschefen förvaltningschefer förvaltningscheferna
n leverantör leverantören leverantörer leverantörerna
n tekniker teknikern tekniker teknikerna
n senior seniorn seniorer seniorerna
n patient patienten patienter patienterna
n kund kunden kunder kunderna
n läkare läkaren läkare läkarna
n invånare invånaren invånare invånarna
n kontaktperson kontaktpersonen kontaktpersoner kontaktpersonerna
n samordnare samordnaren samordnare samordnarna
n digitaliseringsstrateg digitaliseringsstrategen digitaliseringsstrateger digitaliseringsstrategerna
n handledare handledaren handledare handledarna
n volontär volontären volontärer volontärerna
n välfärdsteknikambassadör välfärdsteknikambassadören välfärdsteknikambassadörer välfärdsteknikambassadörerna
n kvinna kvinnan kvinnor kvinnorna
n man mannen män männen
n dotter dottern döttrar döttrarna
n son sonen söner sönerna
n make maken makar makarna
n hemtjänstpersonal hemtjänstpersonalen - -
n nattpersonal nattpersonalen - -
n vårdbiträde vårdbiträdet vårdbiträden vårdbiträdena
n forskare forskaren forskare forskarna
n systemförvaltare systemförvaltaren systemförvaltare systemförvaltarna
n larmoperatör larmoperatören larmoperatörer larmoperatörerna
`

const nounsO = `
n kommun kommunen kommuner kommunerna
n region regionen regioner regionerna
n hemtjänst hemtjänsten - -
n hemtjänstgrupp hemtjänstgruppen hemtjänstgrupper hemtjänstgrupperna
t boende boendet boenden boendena
t korttidsboende korttidsboendet korttidsboenden korttidsboendena
t äldreboende äldreboendet äldreboenden äldreboendena
n förvaltning förvaltningen förvaltningar förvaltningarna
n nämnd nämnden nämnder nämnderna
n avdelning avdelningen avdelningar avdelningarna
n enhet enheten enheter enheterna
n verksamhet verksamheten verksamheter verksamheterna
n vårdcentral vårdcentralen vårdcentraler vårdcentralerna
t sjukhus sjukhuset sjukhus sjukhusen
n organisation organisationen organisationer organisationerna
n äldreomsorg äldreomsorgen äldreomsorger äldreomsorgerna
n omsorg omsorgen - -
n hemsjukvård hemsjukvården - -
t demensboende demensboendet demensboenden demensboendena
t servicehus servicehuset servicehus servicehusen
n dagverksamhet dagverksamheten dagverksamheter dagverksamheterna
n träffpunkt träffpunkten träffpunkter träffpunkterna
t kontor kontoret kontor kontoren
n lägenhet lägenheten lägenheter lägenheterna
t hem hemmet hem hemmen
t rum rummet rum rummen
n korridor korridoren korridorer korridorerna
t område området områden områdena
n socialtjänst socialtjänsten - -
t nätverk nätverket nätverk nätverken
n myndighet myndigheten myndigheter myndigheterna
t företag företaget företag företagen
t bolag bolaget bolag bolagen
n arbetsgrupp arbetsgruppen arbetsgrupper arbetsgrupperna
n styrgrupp styrgruppen styrgrupper styrgrupperna
n referensgrupp referensgruppen referensgrupper referensgrupperna
t team teamet team teamen
n landsbygd landsbygden - -
n tätort tätorten tätorter tätorterna
t samhälle samhället samhällen samhällena
n stadsdel stadsdelen stadsdelar stadsdelarna
n kommundel kommundelen kommundelar kommundelarna
t vårdboende vårdboendet vårdboenden vårdboendena
n gruppbostad gruppbostaden gruppbostäder gruppbostäderna
n hjälpmedelscentral hjälpmedelscentralen hjälpmedelscentraler hjälpmedelscentralerna
n larmgrupp larmgruppen larmgrupper larmgrupperna
t hälsocenter hälsocentret hälsocenter hälsocentren
`

const nounsT = `
t system systemet system systemen
n lösning lösningen lösningar lösningarna
n teknik tekniken tekniker teknikerna
n sensor sensorn sensorer sensorerna
n kamera kameran kameror kamerorna
n plattform plattformen plattformar plattformarna
n app appen appar apparna
n surfplatta surfplattan surfplattor surfplattorna
n skärm skärmen skärmar skärmarna
t verktyg verktyget verktyg verktygen
n tjänst tjänsten tjänster tjänsterna
n utrustning utrustningen - -
n produkt produkten produkter produkterna
t hjälpmedel hjälpmedlet hjälpmedel hjälpmedlen
n mobiltelefon mobiltelefonen mobiltelefoner mobiltelefonerna
n programvara programvaran programvaror programvarorna
t gränssnitt gränssnittet gränssnitt gränssnitten
n server servern servrar servrarna
n databas databasen databaser databaserna
n funktion funktionen funktioner funktionerna
n uppkoppling uppkopplingen uppkopplingar uppkopplingarna
t batteri batteriet batterier batterierna
n laddare laddaren laddare laddarna
n robot roboten robotar robotarna
n högtalare högtalaren högtalare högtalarna
n klocka klockan klockor klockorna
t armband armbandet armband armbanden
n dator datorn datorer datorerna
n mjukvara mjukvaran - -
n hårdvara hårdvaran - -
n välfärdsteknik välfärdstekniken - -
n e-tjänst e-tjänsten e-tjänster e-tjänsterna
t journalsystem journalsystemet journalsystem journalsystemen
t verksamhetssystem verksamhetssystemet verksamhetssystem verksamhetssystemen
n integration integrationen integrationer integrationerna
n router routern routrar routrarna
n prototyp prototypen prototyper prototyperna
n applikation applikationen applikationer applikationerna
n signal signalen signaler signalerna
n notis notisen notiser notiserna
n avisering aviseringen aviseringar aviseringarna
n webbkamera webbkameran webbkameror webbkamerorna
t headset headsetet headset headseten
n molntjänst molntjänsten molntjänster molntjänsterna
n inloggning inloggningen inloggningar inloggningarna
t användargränssnitt användargränssnittet användargränssnitt användargränssnitten
n mobilapp mobilappen mobilappar mobilapparna
`

const nounsA = `
n trygghet tryggheten - -
n självständighet självständigheten - -
n kvalitet kvaliteten kvaliteter kvaliteterna
n arbetsmiljö arbetsmiljön arbetsmiljöer arbetsmiljöerna
n kostnad kostnaden kostnader kostnaderna
n effekt effekten effekter effekterna
n tid tiden tider tiderna
n resurs resursen resurser resurserna
n utmaning utmaningen utmaningar utmaningarna
t behov behovet behov behoven
n erfarenhet erfarenheten erfarenheter erfarenheterna
n integritet integriteten - -
n delaktighet delaktigheten - -
n livskvalitet livskvaliteten - -
n säkerhet säkerheten - -
n tillgänglighet tillgängligheten - -
n kontinuitet kontinuiteten - -
n nytta nyttan nyttor nyttorna
n vinst vinsten vinster vinsterna
n besparing besparingen besparingar besparingarna
n oro oron - -
n ensamhet ensamheten - -
n värdighet värdigheten - -
n tillit tilliten - -
t förtroende förtroendet - -
n kompetens kompetensen kompetenser kompetenserna
t ansvar ansvaret - -
n styrning styrningen - -
n ledning ledningen ledningar ledningarna
t samarbete samarbetet samarbeten samarbetena
t resultat resultatet resultat resultaten
n slutsats slutsatsen slutsatser slutsatserna
n lärdom lärdomen lärdomar lärdomarna
n risk risken risker riskerna
n möjlighet möjligheten möjligheter möjligheterna
t hinder hindret hinder hindren
n framgångsfaktor framgångsfaktorn framgångsfaktorer framgångsfaktorerna
n förutsättning förutsättningen förutsättningar förutsättningarna
n motivation motivationen - -
t stöd stödet stöd stöden
n rutin rutinen rutiner rutinerna
t arbetssätt arbetssättet arbetssätt arbetssätten
n process processen processer processerna
n struktur strukturen strukturer strukturerna
n budget budgeten budgetar budgetarna
t beslut beslutet beslut besluten
t mål målet mål målen
n vision visionen visioner visionerna
n strategi strategin strategier strategierna
n digitaliseringsstrategi digitaliseringsstrategin digitaliseringsstrategier digitaliseringsstrategierna
n handlingsplan handlingsplanen handlingsplaner handlingsplanerna
n riktlinje riktlinjen riktlinjer riktlinjerna
n lagstiftning lagstiftningen - -
t samtycke samtycket - -
n sekretess sekretessen - -
n hälsa hälsan - -
t välbefinnande välbefinnandet - -
n sömn sömnen - -
n rörlighet rörligheten - -
n vardag vardagen vardagar vardagarna
n effektivitet effektiviteten - -
n flexibilitet flexibiliteten - -
n arbetsbelastning arbetsbelastningen - -
n stress stressen - -
n nöjdhet nöjdheten - -
n acceptans acceptansen - -
n förändring förändringen förändringar förändringarna
n utveckling utvecklingen utvecklingar utvecklingarna
n ekonomi ekonomin ekonomier ekonomierna
n kunskap kunskapen kunskaper kunskaperna
n insikt insikten insikter insikterna
n frågeställning frågeställningen frågeställningar frågeställningarna
n fråga frågan frågor frågorna
n svårighet svårigheten svårigheter svårigheterna
n skillnad skillnaden skillnader skillnaderna
n fördel fördelen fördelar fördelarna
n nackdel nackdelen nackdelar nackdelarna
t problem problemet problem problemen
t värde värdet värden värdena
n kompetensförsörjning kompetensförsörjningen - -
n personalomsättning personalomsättningen - -
n sjukfrånvaro sjukfrånvaron - -
n restid restiden restider restiderna
n kvalitetsuppföljning kvalitetsuppföljningen - -
n patientsäkerhet patientsäkerheten - -
n informationssäkerhet informationssäkerheten - -
n likvärdighet likvärdigheten - -
n jämlikhet jämlikheten - -
t inflytande inflytandet - -
n nattro nattron - -
n användbarhet användbarheten - -
n tillförlitlighet tillförlitligheten - -
n driftstörning driftstörningen driftstörningar driftstörningarna
n avvikelse avvikelsen avvikelser avvikelserna
n prioritering prioriteringen prioriteringar prioriteringarna
n målgrupp målgruppen målgrupper målgrupperna
n kalkyl kalkylen kalkyler kalkylerna
n investering investeringen investeringar investeringarna
n drift driften - -
n förvaltningsmodell förvaltningsmodellen förvaltningsmodeller förvaltningsmodellerna
`

const nounsR = `
t införande införandet införanden införandena
n upphandling upphandlingen upphandlingar upphandlingarna
n utvärdering utvärderingen utvärderingar utvärderingarna
n pilot piloten piloter piloterna
t projekt projektet projekt projekten
n utbildning utbildningen utbildningar utbildningarna
n implementering implementeringen implementeringar implementeringarna
n uppföljning uppföljningen uppföljningar uppföljningarna
n kartläggning kartläggningen kartläggningar kartläggningarna
n behovsanalys behovsanalysen behovsanalyser behovsanalyserna
n riskanalys riskanalysen riskanalyser riskanalyserna
n konsekvensanalys konsekvensanalysen konsekvensanalyser konsekvensanalyserna
n testperiod testperioden testperioder testperioderna
n intervju intervjun intervjuer intervjuerna
n enkät enkäten enkäter enkäterna
n workshop workshopen workshoppar workshopparna
t möte mötet möten mötena
n studie studien studier studierna
n mätning mätningen mätningar mätningarna
n förstudie förstudien förstudier förstudierna
n tidsstudie tidsstudien tidsstudier tidsstudierna
n spridning spridningen - -
n uppskalning uppskalningen - -
n installation installationen installationer installationerna
n driftsättning driftsättningen driftsättningar driftsättningarna
n avveckling avvecklingen - -
t avtal avtalet avtal avtalen
t bidrag bidraget bidrag bidragen
t stimulansbidrag stimulansbidraget stimulansbidrag stimulansbidragen
n satsning satsningen satsningar satsningarna
n rapport rapporten rapporter rapporterna
n följeforskning följeforskningen - -
n utredning utredningen utredningar utredningarna
n genomgång genomgången genomgångar genomgångarna
n introduktion introduktionen introduktioner introduktionerna
n handledning handledningen - -
n omställning omställningen omställningar omställningarna
n digitalisering digitaliseringen - -
n testbädd testbädden testbäddar testbäddarna
n demonstration demonstrationen demonstrationer demonstrationerna
n övergång övergången övergångar övergångarna
n fas fasen faser faserna
n etapp etappen etapper etapperna
t kvartal kvartalet kvartal kvartalen
n vecka veckan veckor veckorna
n månad månaden månader månaderna
t år året år åren
t besök besöket besök besöken
n insats insatsen insatser insatserna
n nulägesanalys nulägesanalysen nulägesanalyser nulägesanalyserna
n kravspecifikation kravspecifikationen kravspecifikationer kravspecifikationerna
n referensmätning referensmätningen referensmätningar referensmätningarna
n arbetsprocess arbetsprocessen arbetsprocesser arbetsprocesserna
n förankring förankringen - -
n kommunikationsplan kommunikationsplanen kommunikationsplaner kommunikationsplanerna
n nyttorealisering nyttorealiseringen - -
n effekthemtagning effekthemtagningen - -
n tjänstedesign tjänstedesignen - -
n användartest användartestet användartester användartesterna
n samverkansöverenskommelse samverkansöverenskommelsen samverkansöverenskommelser samverkansöverenskommelserna
`

// Verbs: inf pres past sup. Passive forms are derived.
const verbs = `
använda använder använde använt
införa inför införde infört
testa testar testade testat
utvärdera utvärderar utvärderade utvärderat
upphandla upphandlar upphandlade upphandlat
installera installerar installerade installerat
utveckla utvecklar utvecklade utvecklat
förbättra förbättrar förbättrade förbättrat
minska minskar minskade minskat
öka ökar ökade ökat
följa följer följde följt
stötta stöttar stöttade stöttat
skapa skapar skapade skapat
underlätta underlättar underlättade underlättat
effektivisera effektiviserar effektiviserade effektiviserat
säkerställa säkerställer säkerställde säkerställt
anpassa anpassar anpassade anpassat
förankra förankrar förankrade förankrat
dokumentera dokumenterar dokumenterade dokumenterat
samordna samordnar samordnade samordnat
kartlägga kartlägger kartlade kartlagt
analysera analyserar analyserade analyserat
planera planerar planerade planerat
genomföra genomför genomförde genomfört
implementera implementerar implementerade implementerat
sprida sprider spred spridit
erbjuda erbjuder erbjöd erbjudit
hantera hanterar hanterade hanterat
prioritera prioriterar prioriterade prioriterat
finansiera finansierar finansierade finansierat
utbilda utbildar utbildade utbildat
mäta mäter mätte mätt
granska granskar granskade granskat
beskriva beskriver beskrev beskrivit
värdera värderar värderade värderat
frigöra frigör frigjorde frigjort
ersätta ersätter ersatte ersatt
komplettera kompletterar kompletterade kompletterat
pröva prövar prövade prövat
bedöma bedömer bedömde bedömt
stärka stärker stärkte stärkt
främja främjar främjade främjat
förenkla förenklar förenklade förenklat
digitalisera digitaliserar digitaliserade digitaliserat
integrera integrerar integrerade integrerat
koppla kopplar kopplade kopplat
övervaka övervakar övervakade övervakat
justera justerar justerade justerat
beställa beställer beställde beställt
leverera levererar levererade levererat
välja väljer valde valt
behålla behåller behöll behållit
förändra förändrar förändrade förändrat
visa visar visade visat
samla samlar samlade samlat
förbereda förbereder förberedde förberett
kommunicera kommunicerar kommunicerade kommunicerat
informera informerar informerade informerat
involvera involverar involverade involverat
förmedla förmedlar förmedlade förmedlat
upptäcka upptäcker upptäckte upptäckt
förebygga förebygger förebyggde förebyggt
begränsa begränsar begränsade begränsat
avveckla avvecklar avvecklade avvecklat
bemanna bemannar bemannade bemannat
schemalägga schemalägger schemalade schemalagt
uppdatera uppdaterar uppdaterade uppdaterat
felsöka felsöker felsökte felsökt
dela delar delade delat
etablera etablerar etablerade etablerat
initiera initierar initierade initierat
synliggöra synliggör synliggjorde synliggjort
tydliggöra tydliggör tydliggjorde tydliggjort
utforma utformar utformade utformat
omfördela omfördelar omfördelade omfördelat
`

// Adjectives: en-form ett-form def/pl-form.
const adjectives = `
ny nytt nya
stor stort stora
trygg tryggt trygga
säker säkert säkra
digital digitalt digitala
enkel enkelt enkla
viktig viktigt viktiga
tydlig tydligt tydliga
god gott goda
positiv positivt positiva
negativ negativt negativa
tidig tidigt tidiga
långsiktig långsiktigt långsiktiga
effektiv effektivt effektiva
flexibel flexibelt flexibla
självständig självständigt självständiga
personcentrerad personcentrerat personcentrerade
ökad ökat ökade
minskad minskat minskade
förbättrad förbättrat förbättrade
gemensam gemensamt gemensamma
lokal lokalt lokala
regional regionalt regionala
nationell nationellt nationella
befintlig befintligt befintliga
teknisk tekniskt tekniska
praktisk praktiskt praktiska
ekonomisk ekonomiskt ekonomiska
juridisk juridiskt juridiska
etisk etiskt etiska
mobil mobilt mobila
trådlös trådlöst trådlösa
kostsam kostsamt kostsamma
oväntad oväntat oväntade
avgörande avgörande avgörande
nödvändig nödvändigt nödvändiga
tillgänglig tillgängligt tillgängliga
meningsfull meningsfullt meningsfulla
värdig värdigt värdiga
fysisk fysiskt fysiska
kognitiv kognitivt kognitiva
social socialt sociala
hög högt höga
låg lågt låga
snabb snabbt snabba
stabil stabilt stabila
ojämn ojämnt ojämna
fortsatt fortsatt fortsatta
tidskrävande tidskrävande tidskrävande
kvalitativ kvalitativt kvalitativa
kvantitativ kvantitativt kvantitativa
omfattande omfattande omfattande
begränsad begränsat begränsade
framgångsrik framgångsrikt framgångsrika
tveksam tveksamt tveksamma
nöjd nöjt nöjda
orolig oroligt oroliga
lugn lugnt lugna
aktiv aktivt aktiva
delaktig delaktigt delaktiga
innovativ innovativt innovativa
robust robust robusta
användarvänlig användarvänligt användarvänliga
integritetskänslig integritetskänsligt integritetskänsliga
kommunövergripande kommunövergripande kommunövergripande
resurseffektiv resurseffektivt resurseffektiva
behovsstyrd behovsstyrt behovsstyrda
datadriven datadrivet datadrivna
`

var comparatives = strings.Fields(`större mindre tryggare säkrare bättre enklare snabbare lägre högre färre fler
lugnare jämnare tydligare effektivare billigare dyrare`)

var adverbs = strings.Fields(`snabbt gradvis successivt tydligt påtagligt märkbart ofta sällan regelbundet
dagligen varje vecka stegvis noggrant tillsammans tidigt sent systematiskt kontinuerligt
huvudsakligen framför allt särskilt dessutom fortfarande redan äntligen nästan knappt betydligt`)

var municipalities = strings.Split(`Botkyrka|Danderyd|Ekerö|Haninge|Huddinge|Järfälla|Lidingö|Nacka|Norrtälje|Nykvarn|Nynäshamn|Salem|Sigtuna|Sollentuna|Solna|Stockholm|Sundbyberg|Södertälje|Tyresö|Täby|Upplands-Bro|Upplands Väsby|Vallentuna|Vaxholm|Värmdö|Österåker|`+
	`Enköping|Heby|Håbo|Knivsta|Tierp|Uppsala|Älvkarleby|Östhammar|`+
	`Eskilstuna|Flen|Gnesta|Katrineholm|Nyköping|Oxelösund|Strängnäs|Trosa|Vingåker|`+
	`Boxholm|Finspång|Kinda|Linköping|Mjölby|Motala|Norrköping|Söderköping|Vadstena|Valdemarsvik|Ydre|Åtvidaberg|Ödeshög|`+
	`Aneby|Eksjö|Gislaved|Gnosjö|Habo|Jönköping|Mullsjö|Nässjö|Sävsjö|Tranås|Vaggeryd|Vetlanda|Värnamo|`+
	`Alvesta|Lessebo|Ljungby|Markaryd|Tingsryd|Uppvidinge|Växjö|Älmhult|`+
	`Borgholm|Emmaboda|Hultsfred|Högsby|Kalmar|Mönsterås|Mörbylånga|Nybro|Oskarshamn|Torsås|Vimmerby|Västervik|`+
	`Gotland|`+
	`Karlshamn|Karlskrona|Olofström|Ronneby|Sölvesborg|`+
	`Bjuv|Bromölla|Burlöv|Båstad|Eslöv|Helsingborg|Hässleholm|Höganäs|Hörby|Höör|Klippan|Kristianstad|Kävlinge|Landskrona|Lomma|Lund|Malmö|Osby|Perstorp|Simrishamn|Sjöbo|Skurup|Staffanstorp|Svalöv|Svedala|Tomelilla|Trelleborg|Vellinge|Ystad|Åstorp|Ängelholm|Örkelljunga|Östra Göinge|`+
	`Falkenberg|Halmstad|Hylte|Kungsbacka|Laholm|Varberg|`+
	`Ale|Alingsås|Bengtsfors|Bollebygd|Borås|Dals-Ed|Essunga|Falköping|Färgelanda|Grästorp|Gullspång|Göteborg|Götene|Herrljunga|Hjo|Härryda|Karlsborg|Kungälv|Lerum|Lidköping|Lilla Edet|Lysekil|Mariestad|Mark|Mellerud|Munkedal|Mölndal|Orust|Partille|Skara|Skövde|Sotenäs|Stenungsund|Strömstad|Svenljunga|Tanum|Tibro|Tidaholm|Tjörn|Tranemo|Trollhättan|Töreboda|Uddevalla|Ulricehamn|Vara|Vårgårda|Vänersborg|Åmål|Öckerö|`+
	`Arvika|Eda|Filipstad|Forshaga|Grums|Hagfors|Hammarö|Karlstad|Kil|Kristinehamn|Munkfors|Storfors|Sunne|Säffle|Torsby|Årjäng|`+
	`Askersund|Degerfors|Hallsberg|Hällefors|Karlskoga|Kumla|Laxå|Lekeberg|Lindesberg|Ljusnarsberg|Nora|Örebro|`+
	`Arboga|Fagersta|Hallstahammar|Kungsör|Köping|Norberg|Sala|Skinnskatteberg|Surahammar|Västerås|`+
	`Avesta|Borlänge|Falun|Gagnef|Hedemora|Leksand|Ludvika|Malung-Sälen|Mora|Orsa|Rättvik|Smedjebacken|Säter|Vansbro|Älvdalen|`+
	`Bollnäs|Gävle|Hofors|Hudiksvall|Ljusdal|Nordanstig|Ockelbo|Ovanåker|Sandviken|Söderhamn|`+
	`Härnösand|Kramfors|Sollefteå|Sundsvall|Timrå|Ånge|Örnsköldsvik|`+
	`Berg|Bräcke|Härjedalen|Krokom|Ragunda|Strömsund|Åre|Östersund|`+
	`Bjurholm|Dorotea|Lycksele|Malå|Nordmaling|Norsjö|Robertsfors|Skellefteå|Sorsele|Storuman|Umeå|Vilhelmina|Vindeln|Vännäs|Åsele|`+
	`Arjeplog|Arvidsjaur|Boden|Gällivare|Haparanda|Jokkmokk|Kalix|Kiruna|Luleå|Pajala|Piteå|Älvsbyn|Överkalix|Övertorneå`, "|")

type area struct {
	id    string
	name  string   // lower-case display name used in running text
	terms []string // topic phrases, most typical first
}

var areas = []area{
	{"digitala-las", "digitala lås", []string{"digitala lås", "nyckelfri hemtjänst", "låsbrickan", "låsbricka", "dörrlåset", "nyckelhanteringen", "nycklar", "nyckelskåp", "låsen", "nyckelkvittering"}},
	{"trygghetslarm", "trygghetslarm", []string{"trygghetslarm", "trygghetslarmet", "larmknappen", "larmmottagningen", "digitala trygghetslarm", "larmcentralen", "larmet", "mobila trygghetslarm", "larmsamtal", "larm"}},
	{"lakemedelspaminnare", "läkemedelspåminnare", []string{"läkemedelspåminnare", "läkemedelsautomat", "läkemedelsautomater", "läkemedelshantering", "dosetter", "påminnelser", "läkemedelsdosen", "medicinering", "dospåsar", "läkemedelsrobot"}},
	{"nattkameror", "nattkameror", []string{"nattkameror", "nattillsyn", "digital tillsyn", "kameratillsyn", "kamerorna", "tillsynskamera", "nattpatrullen", "nattbesök", "nattbesöken", "samtycke"}},
	{"digitala-vardmoten", "digitala vårdmöten", []string{"digitala vårdmöten", "videomöten", "läkarbesök", "distanskontakt", "videolänk", "videolänken", "vårdmötet", "sjuksköterskebesök", "fjärrkonsultation"}},
	{"sensorer", "sensorer", []string{"sensorer", "rörelsesensorer", "sensorerna", "dörrsensor", "sängsensor", "sängsensorer", "sensordata", "mätvärden", "aviseringar", "rörelsemönster"}},
	{"vr", "virtuell verklighet", []string{"VR-glasögon", "virtuell verklighet", "VR-upplevelser", "naturfilmer", "VR-filmerna", "minnesresor", "glasögonen", "360-filmer"}},
	{"ai", "AI", []string{"AI", "artificiell intelligens", "maskininlärning", "prediktion", "språkmodeller", "beslutsstöd", "algoritmer", "träningsdata", "AI-stöd", "automatisering"}},
	{"positioneringslarm", "positioneringslarm", []string{"positioneringslarm", "GPS-larm", "GPS-klocka", "demenssjukdom", "promenader", "larmzon", "sökinsatser", "rörelsefrihet", "positionering"}},
	{"fallsensorer", "fallsensorer", []string{"fallsensorer", "fallolyckor", "fallrisk", "fallprevention", "falldetektor", "fallarmband", "höftfrakturer", "fallen"}},
	{"sociala-robotar", "sociala robotar", []string{"sociala robotar", "robotkatt", "robotkatter", "robothund", "sällskapsrobot", "sällskapsrobotar", "kramdjur", "robotdjuren"}},
	{"matrobotar", "matrobotar", []string{"matrobot", "matroboten", "måltider", "ätstöd", "självständigt ätande", "måltidssituationen", "skeden", "måltiderna"}},
	{"hygienrobotar", "duschtoaletter", []string{"duschtoalett", "duschtoaletten", "intimhygien", "hygienrutiner", "duschrobot", "hygienen", "toalettbesök"}},
	{"hemmonitorering", "distansmonitorering", []string{"distansmonitorering", "egenmätning", "blodtryck", "syremättnad", "mätningar", "mätutrustning", "hjärtsvikt", "KOL", "vårdplanen", "egenmonitorering"}},
	{"mobil-dokumentation", "mobil dokumentation", []string{"mobil dokumentation", "journalföring", "signering", "dokumentationen", "genomförandeplan", "genomförandeplanen", "avvikelserapportering", "digital signering"}},
	{"planeringsverktyg", "digitala planeringsverktyg", []string{"planeringsverktyg", "schemaläggning", "ruttplanering", "körtider", "besöksplanering", "tidsregistrering", "optimering", "planeringssystemet"}},
	{"videosamtal", "videosamtal", []string{"videosamtal", "surfplattor", "samtal", "anhöriga", "bildtelefon", "videosamtalen", "skärmtid", "kontakt med anhöriga"}},
	{"aktiveringsteknik", "aktiveringsteknik", []string{"aktivitetsbord", "aktivitetsbordet", "spel", "musikspelare", "minnesträning", "aktivering", "rörelseträning", "frågesport", "pekskärm"}},
	{"smarta-hem", "smarta hem", []string{"smarta hem", "uppkopplade hem", "spisvakt", "spisvakter", "nattbelysning", "hemautomation", "fuktlarm", "belysningen", "styrning av belysning"}},
	{"e-hemtjanst", "digital hemtjänst", []string{"digital hemtjänst", "digitala besök", "skärmbesök", "biståndsbeslut", "hemtjänsttimmar", "tillsynssamtal", "digitala insatser", "skärmbesöken"}},
	{"digital-delaktighet", "digital delaktighet", []string{"digital delaktighet", "digital kompetens", "seniorsurf", "digitala tjänster", "BankID", "utbildningstillfällen", "digitalt utanförskap", "digitalvana"}},
	{"inkontinenssensorer", "inkontinenssensorer", []string{"inkontinensskydd", "inkontinenssensorer", "blöjsensor", "fuktsensor", "byten", "hudproblem", "inkontinensskydden", "nattliga byten"}},
	{"kognitivt-stod", "kognitivt stöd", []string{"kognitivt stöd", "digitala kalendrar", "dagsstruktur", "minnesstöd", "kognitiv svikt", "planeringsstöd", "kalenderklocka", "bildstöd"}},
	{"talstyrning", "röststyrning", []string{"röststyrda assistenter", "röststyrning", "smarta högtalare", "röstkommandon", "uppläsning", "ljudböcker", "röstassistenten"}},
	{"infrastruktur", "digital infrastruktur", []string{"trådlöst nätverk", "wifi", "bredband", "fiber", "täckning", "driftsäkerhet", "nätverksutbyggnad", "mobiltäckning"}},
}

var settings = []string{"särskilt boende", "hemtjänsten", "ordinärt boende", "korttidsboende", "demensboende", "hemsjukvården", "dagverksamhet", "servicehus", "nattpatrullen", "äldreomsorgen"}

var benefits = []string{"tryggare nätter", "ökad självständighet", "bättre arbetsmiljö", "färre resor", "mer tid för brukarna", "ökad trygghet", "lägre kostnader", "bättre sömn", "minskad ensamhet", "större delaktighet"}

var organisations = []string{"Vård- och omsorgsförvaltningen", "Socialförvaltningen", "Äldreförvaltningen", "Omsorgsförvaltningen", "Vård- och omsorgsnämnden", "Socialnämnden", "Kommunens IT-avdelning", "Digitaliseringsenheten", "Hemtjänsten", "Hemsjukvården", "Hjälpmedelscentralen", "Regionen", "Kommunförbundet", "Nordomsorg AB", "Tryggteknik AB", "Larmtjänst Norden AB", "Vinnova", "Socialstyrelsen", "E-hälsomyndigheten", "Myndigheten för delaktighet", "Länsstyrelsen", "Högskolan", "Äldrecentrum", "Kommunens kvalitetsenhet", "Sektor välfärd"}

var publishers = []string{"SKR", "Socialstyrelsen", "Vinnova", "E-hälsomyndigheten", "Dagens Samhälle", "Kommunens webbplats", "Lokaltidningen", "Kommunaktuellt", "Vårdfokus", "Äldreomsorgsbloggen", "Myndigheten för delaktighet", "Forte"}

var tags = strings.Fields(`nattillsyn kameror trygghet integritet demens hemtjänst särskilt-boende ordinärt-boende anhöriga arbetsmiljö
kostnader upphandling pilot utvärdering samverkan region landsbygd nattsömn fallprevention läkemedel ensamhet digital-kompetens
självständighet effektivisering kompetensförsörjning informationssäkerhet dokumentation planering rehabilitering aktivering
måltider hygien kommunikation teknikstöd nyckelhantering etik juridik stimulansmedel användbarhet innovation`)

var statuses = []string{"planned", "pilot", "implemented", "scaled", "ended"}
var statusWeights = []float64{10, 30, 35, 15, 10}

var sectionsOptional = []string{"Kostnader och finansiering", "Utmaningar", "Nästa steg", "Brukarnas upplevelser", "Personalens erfarenheter", "Teknisk lösning", "Juridik och etik", "Spridning till fler verksamheter", "Organisation och ansvar", "Upphandling"}

// --------------------------------------------------------------- templates

// Slots: {C.f} noun of category C (P person, O organisation/place, T tech,
// A abstract, R process, X any) in form f: i indef, a article+indef, d def,
// p plural, pd plural def, g def genitive, pg plural def genitive.
// {J.C.f} the same with an agreeing adjective. {V.f}: inf pres past sup
// pinf (passive inf) ppres (passive present). {K} municipality {KG} its
// genitive, {TOP} topic phrase, {AREA} area name, {ORG} organisation,
// {NUM} {BIG} {PCT} {Y} numbers, {ADV} adverb, {CMP} comparative,
// {LINK} a Markdown link, {B} start bold-topic.
var generic = []string{
	"{K} har under flera år arbetat med {J.A.i} inom {O.d}.",
	"Syftet var att {V.inf} {J.T.p} och samtidigt {V.inf} {A.d} för {P.pd}.",
	"Enligt {P.d} har {R.d} bidragit till {J.A.i} i {O.d}.",
	"{P.pd} {V.past} {T.pd} {ADV} under {R.d}.",
	"Under {Y} {V.past} {O.d} {NUM} nya {T.p}.",
	"Det visade sig att {P.pd} {V.past} {T.pd} {ADV} än väntat.",
	"{KG} {O.d} valde att {V.inf} {J.T.a} tillsammans med {ORG}.",
	"En viktig del av {R.d} var att {V.inf} {P.pd} i {A.d}.",
	"Totalt deltog {BIG} {P.p} i {R.d}.",
	"Resultaten visar att {PCT} procent av {P.pd} upplevde {J.A.i}.",
	"– Det har blivit en {CMP} vardag för {P.pd}, säger {P.a} i {K}.",
	"– Vi märkte ganska snabbt att {T.pd} behövde {V.pinf} {ADV}, berättar {P.d}.",
	"Arbetet {V.ppres} av {ORG} och {O.d}.",
	"Inför {R.d} genomfördes {J.R.a} där {P.pd} fick {V.inf} {T.pd}.",
	"Kostnaden för {T.d} uppgick till cirka {BIG} kronor per {P.i} och år.",
	"{P.pd} fick utbildning i hur {T.pd} {V.ppres} i {A.d}.",
	"Det finns fortfarande {J.A.p} kring {R.d} som behöver {V.pinf}.",
	"{R.d} {V.past} {A.d} och gav {P.pd} {J.A.i}.",
	"Många {P.p} var till en början {J.A.i}-fokuserade, men efter {NUM} veckor hade {A.d} förändrats.",
	"I {O.d} har man valt att {V.inf} {R.d} i {NUM} steg.",
	"{PG} {A.d} har varit en återkommande fråga i {R.d}.",
	"Ett viktigt krav var att {T.d} skulle kunna {V.pinf} utan {J.A.i}.",
	"Efter {R.d} beslutade {O.d} att {V.inf} {T.d} till fler {O.p}.",
	"{ORG} stod för {R.d} medan {P.pd} ansvarade för {A.d}.",
	"Man har {V.sup} {A.d} genom {J.R.p} och {R.p} med {P.pd}.",
	"För {P.pd} innebär det {J.A.i} och {CMP} {A.i}.",
	"Ett tydligt resultat är att {A.d} har {V.sup} med {PCT} procent.",
	"{P.pd} beskriver {T.d} som {J.A.i} men ibland {J.A.i}.",
	"Det viktigaste i {R.d} var att {V.inf} {A.d} hos {P.pd}.",
	"Utan {A.d} från {O.d} hade det varit svårt att {V.inf} {R.d}.",
	"{KG} erfarenheter visar att {A.d} är {J.A.a} för {R.d}.",
	"Under {R.d} samlades {A.d} in genom {R.p} och {R.p}.",
	"Inom ramen för {R.d} har {O.d} {V.sup} {BIG} {R.p}.",
	"Det krävdes {J.A.i} för att {V.inf} {T.d} i {O.d}.",
	"{P.d} lyfter fram {A.d} som den viktigaste {A.i} i {R.d}.",
	"I början fanns en viss {A.i} bland {P.pd}, men den minskade {ADV}.",
	"Efter {NUM} månader gjordes {J.R.a} av {A.d}.",
	"{O.d} har även {V.sup} {T.d} för att {V.inf} {A.d}.",
	"Flera {P.p} efterfrågade {J.A.i} och {J.A.i}.",
	"Ingen {P.i} har hittills uttryckt {A.i} över {T.d}.",
	"{R.d} finansierades delvis genom {J.R.p} från {ORG}.",
	"Med {T.d} blev det möjligt att {V.inf} {A.d} på ett nytt sätt.",
	"Tidigare fick {P.pd} {V.inf} {T.pd} manuellt, vilket tog mycket {A.i}.",
	"Nu {V.pres} {P.pd} {T.pd} direkt i {O.d}.",
	"{K} samarbetade med {NUM} andra kommuner kring {R.d}.",
	"{J.R.d} visade på {J.A.p} mellan {O.pd}.",
	"Enligt {PG} {R.d} är {A.d} {CMP} än tidigare.",
	"Målet är att alla {P.p} i {K} ska kunna {V.inf} {T.d} senast {Y}.",
	"{P.pd} och {P.pd} har tillsammans {V.sup} {J.A.i} för {R.d}.",
	"Man konstaterar att {A.d} och {A.d} hänger ihop.",
	"{ORG} har {V.sup} {R.d} och lämnat {J.A.p}.",
	"Ett antal {P.p} upplevde {T.pd} som {J.A.i} i början.",
	"Sedan {Y} används {T.d} i {NUM} av kommunens {O.p}.",
	"Erfarenheterna från {K} har {V.sup} vidare till {O.p} i hela landet.",
	"Läs mer i {LINK}.",
	"Mer information finns i {LINK} och hos {ORG}.",
}

var topical = []string{
	"{TOP} har blivit en naturlig del av {O.d} i {K}.",
	"Med hjälp av {TOP} kan {P.pd} {V.inf} {A.d} på ett nytt sätt.",
	"Flera {P.p} lyfter att {TOP} ger {J.A.i}, men också {J.A.i}.",
	"Under {R.d} testades {TOP} hos {NUM} {P.p}.",
	"Efter {NUM} månader var {PCT} procent av {P.pd} nöjda med {TOP}.",
	"Det tog längre tid än planerat att {V.inf} {TOP}, främst på grund av {J.A.i}.",
	"Införandet av {TOP} bygger på kommunens digitaliseringsstrategi.",
	"{KG} satsning på {TOP} har {V.sup} {A.d} för {P.pd}.",
	"{B}{TOP}{/B} kräver {J.A.i} och {J.A.i} från {O.d}.",
	"– {TOP} har gjort stor skillnad för oss, säger {P.a} i {O.d}.",
	"I {O.d} används {TOP} nu dygnet runt.",
	"Innan {TOP} infördes gjordes {J.R.a} tillsammans med {P.pd}.",
	"{P.pd} fick prova {TOP} under {NUM} veckor innan beslut fattades.",
	"Kommunen har {V.sup} {TOP} i kombination med {TOP}.",
	"Kostnaden för {TOP} har delvis täckts av {J.R.p}.",
	"En fördel med {TOP} är att {P.pd} kan {V.inf} {A.d}.",
	"Intresset för {TOP} har ökat bland {P.pd} i {K}.",
	"Den största utmaningen med {TOP} har varit {A.d}.",
	"{TOP} och {AREA} diskuterades flitigt i {R.d}.",
	"Arbetet med {AREA} i {K} startade med {J.R.a}.",
	"Både {P.pd} och {P.pd} ser {TOP} som {J.A.a}.",
	"Sammantaget har {TOP} bidragit till {J.A.i} i {O.d}.",
	"{K} är en av de kommuner som har kommit längst när det gäller {AREA}.",
	"Det är {J.A.i} att {TOP} anpassas efter {PG} {A.p}.",
}

var bulletsGeneric = []string{
	"{J.A.i} för {P.pd}",
	"{CMP} {A.i} i {O.d}",
	"Förankra {R.d} tidigt hos {P.pd}",
	"Avsätt tid för {R.d} och {R.d}",
	"Involvera {P.pd} redan i {R.d}",
	"Se till att {T.d} fungerar innan {R.d}",
	"Glöm inte att {V.inf} {A.d}",
	"{TOP} kräver {J.A.i}",
	"{R.d} bör {V.pinf} {ADV}",
	"Tydlig {A.i} kring {TOP}",
	"{PCT} procent {CMP} {A.i}",
	"{NUM} {P.p} utbildades i {TOP}",
	"Samverkan med {ORG}",
	"Planera för {J.A.i} och {A.i}",
}

var metrics = []string{"Antal nattbesök per natt", "Restid per vecka (timmar)", "Andel nöjda brukare (%)", "Antal larm per månad", "Kostnad per månad (kr)", "Antal fallolyckor per år", "Tid för dokumentation (min/dag)", "Antal nyckelkvitteringar", "Andel väckta brukare (%)", "Antal hemtjänstbesök per dygn", "Andel digitala besök (%)", "Sjukfrånvaro bland personalen (%)"}

// ------------------------------------------------------------ data model

type noun struct {
	ett                           bool
	sg, def, pl, pldef, gen, pgen string
}

type verb struct{ inf, pres, past, sup, pinf, ppres string }
type adj struct{ en, ett, def string }

func genitive(w string) string {
	if w == "" {
		return ""
	}
	switch w[len(w)-1] {
	case 's', 'x', 'z':
		return w
	}
	return w + "s"
}

func parseNouns(s string) []noun {
	var out []noun
	for _, line := range strings.Split(strings.TrimSpace(s), "\n") {
		f := strings.Fields(line)
		if len(f) != 5 {
			panic("bad noun line: " + line)
		}
		n := noun{ett: f[0] == "t", sg: f[1], def: f[2], pl: f[3], pldef: f[4]}
		if n.pl == "-" {
			n.pl, n.pldef = "", ""
		}
		n.gen = genitive(n.def)
		n.pgen = genitive(n.pldef)
		out = append(out, n)
	}
	return out
}

func parseVerbs(s string) []verb {
	var out []verb
	for _, line := range strings.Split(strings.TrimSpace(s), "\n") {
		f := strings.Fields(line)
		v := verb{inf: f[0], pres: f[1], past: f[2], sup: f[3], pinf: f[0] + "s"}
		switch {
		case strings.HasSuffix(v.pres, "ar"):
			v.ppres = v.inf + "s"
		case strings.HasSuffix(v.pres, "er"):
			v.ppres = v.pres[:len(v.pres)-2] + "s"
		default:
			v.ppres = v.pres + "s"
		}
		out = append(out, v)
	}
	return out
}

func parseAdjs(s string) []adj {
	var out []adj
	for _, line := range strings.Split(strings.TrimSpace(s), "\n") {
		f := strings.Fields(line)
		out = append(out, adj{f[0], f[1], f[2]})
	}
	return out
}

// zipf is a Zipf-weighted picker over n items: weight 1/(rank+q)^s.
type zipf struct{ cum []float64 }

func newZipf(n int, s, q float64) *zipf {
	z := &zipf{cum: make([]float64, n)}
	t := 0.0
	for i := 0; i < n; i++ {
		t += 1 / math.Pow(float64(i)+q, s)
		z.cum[i] = t
	}
	return z
}

func (z *zipf) pick(r *rand.Rand) int {
	x := r.Float64() * z.cum[len(z.cum)-1]
	return sort.SearchFloat64s(z.cum, x)
}

func weighted(r *rand.Rand, w []float64) int {
	t := 0.0
	for _, x := range w {
		t += x
	}
	x := r.Float64() * t
	for i, v := range w {
		if x < v {
			return i
		}
		x -= v
	}
	return len(w) - 1
}

type tok struct {
	lit  string
	slot string // empty for literal
}

func parseTemplate(t string) []tok {
	var out []tok
	for len(t) > 0 {
		i := strings.IndexByte(t, '{')
		if i < 0 {
			out = append(out, tok{lit: t})
			break
		}
		if i > 0 {
			out = append(out, tok{lit: t[:i]})
		}
		j := strings.IndexByte(t[i:], '}')
		out = append(out, tok{slot: t[i+1 : i+j]})
		t = t[i+j+1:]
	}
	return out
}

// ------------------------------------------------------------- generator

type lexicon struct {
	cats     map[byte][]noun
	catZ     map[byte]*zipf
	verbs    []verb
	verbZ    *zipf
	adjs     []adj
	adjZ     *zipf
	cmpZ     *zipf
	advZ     *zipf
	generic  [][]tok
	genZ     *zipf
	topical  [][]tok
	topZ     *zipf
	bullets  [][]tok
	kommZ    *zipf
	areaZ    *zipf
	termZ    []*zipf
	tagZ     *zipf
	orgZ     *zipf
	pubZ     *zipf
	municips []string
}

func shuffle[T any](r *rand.Rand, s []T) []T {
	c := append([]T(nil), s...)
	r.Shuffle(len(c), func(i, j int) { c[i], c[j] = c[j], c[i] })
	return c
}

func buildLexicon(seed uint64) *lexicon {
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	L := &lexicon{cats: map[byte][]noun{}, catZ: map[byte]*zipf{}}
	// fixed order of categories for determinism
	for _, cs := range []struct {
		c byte
		s string
	}{{'P', nounsP}, {'O', nounsO}, {'T', nounsT}, {'A', nounsA}, {'R', nounsR}} {
		ns := parseNouns(cs.s)
		// keep the first few (most typical) at the head, shuffle the tail
		head := 4
		ns = append(ns[:head:head], shuffle(r, ns[head:])...)
		L.cats[cs.c] = ns
		L.catZ[cs.c] = newZipf(len(ns), 1.05, 1.5)
	}
	var all []noun
	for _, c := range []byte("POTAR") {
		all = append(all, L.cats[c]...)
	}
	L.cats['X'] = shuffle(r, all)
	L.catZ['X'] = newZipf(len(all), 1.0, 2)
	L.verbs = shuffle(r, parseVerbs(verbs))
	L.verbZ = newZipf(len(L.verbs), 1.0, 1.5)
	L.adjs = shuffle(r, parseAdjs(adjectives))
	L.adjZ = newZipf(len(L.adjs), 1.0, 1.5)
	L.cmpZ = newZipf(len(comparatives), 1.0, 1.5)
	L.advZ = newZipf(len(adverbs), 1.0, 1.5)
	for _, t := range generic {
		L.generic = append(L.generic, parseTemplate(t))
	}
	L.generic = shuffle(r, L.generic)
	L.genZ = newZipf(len(L.generic), 0.4, 1)
	for _, t := range topical {
		L.topical = append(L.topical, parseTemplate(t))
	}
	L.topical = shuffle(r, L.topical)
	L.topZ = newZipf(len(L.topical), 0.4, 1)
	for _, t := range bulletsGeneric {
		L.bullets = append(L.bullets, parseTemplate(t))
	}
	L.municips = shuffle(r, municipalities)
	L.kommZ = newZipf(len(L.municips), 0.8, 3)
	L.areaZ = newZipf(len(areas), 0.9, 2)
	for _, a := range areas {
		L.termZ = append(L.termZ, newZipf(len(a.terms), 1.2, 1))
	}
	L.tagZ = newZipf(len(tags), 0.9, 2)
	L.orgZ = newZipf(len(organisations), 1.0, 2)
	L.pubZ = newZipf(len(publishers), 1.0, 2)
	return L
}

type doc struct {
	idx       int
	slug      string
	title     string
	summary   string
	kommun    string
	orgs      []string
	areas     []int
	status    string
	started   int
	published string
	tags      []string
	sources   [][3]string
	target    int
}

type gen struct {
	L *lexicon
	r *rand.Rand
	d *doc
	b strings.Builder
	w int // words written
}

func (g *gen) noun(c byte, need func(noun) bool) noun {
	ns := g.L.cats[c]
	for tries := 0; ; tries++ {
		n := ns[g.L.catZ[c].pick(g.r)]
		if need == nil || need(n) || tries > 20 {
			if need != nil && !need(n) {
				// fall back to a noun that has the form
				for _, m := range ns {
					if need(m) {
						return m
					}
				}
			}
			return n
		}
	}
}

func hasPl(n noun) bool { return n.pl != "" }

func (g *gen) adjFor(n noun, form string) string {
	a := g.L.adjs[g.L.adjZ.pick(g.r)]
	switch form {
	case "i", "a":
		if n.ett {
			return a.ett
		}
		return a.en
	default:
		return a.def
	}
}

func (g *gen) nounForm(c byte, form string, withAdj bool) string {
	var need func(noun) bool
	if form == "p" || form == "pd" || form == "pg" {
		need = hasPl
	}
	n := g.noun(c, need)
	art := ""
	switch form {
	case "a":
		if n.ett {
			art = "ett "
		} else {
			art = "en "
		}
	case "d", "g":
		if withAdj {
			if n.ett {
				art = "det "
			} else {
				art = "den "
			}
		}
	case "pd", "pg":
		if withAdj {
			art = "de "
		}
	}
	var w string
	switch form {
	case "i", "a":
		w = n.sg
	case "d":
		w = n.def
	case "p":
		w = n.pl
	case "pd":
		w = n.pldef
	case "g":
		w = n.gen
	case "pg":
		w = n.pgen
	default:
		w = n.sg
	}
	if w == "" {
		w = n.def
	}
	if withAdj {
		return art + g.adjFor(n, form) + " " + w
	}
	return art + w
}

func (g *gen) topic() string {
	ai := g.d.areas[0]
	if len(g.d.areas) > 1 && g.r.IntN(3) == 0 {
		ai = g.d.areas[1+g.r.IntN(len(g.d.areas)-1)]
	}
	a := areas[ai]
	return a.terms[g.L.termZ[ai].pick(g.r)]
}

func (g *gen) slot(s string, out *strings.Builder) {
	switch s {
	case "K":
		out.WriteString(g.d.kommun)
		return
	case "KG":
		out.WriteString(genitive(g.d.kommun))
		return
	case "TOP":
		out.WriteString(g.topic())
		return
	case "AREA":
		out.WriteString(areas[g.d.areas[g.r.IntN(len(g.d.areas))]].name)
		return
	case "ORG":
		if g.r.IntN(3) == 0 {
			out.WriteString(organisations[g.L.orgZ.pick(g.r)])
		} else {
			out.WriteString(g.d.orgs[g.r.IntN(len(g.d.orgs))])
		}
		return
	case "PG":
		out.WriteString(g.nounForm('P', "pg", false))
		return
	case "NUM":
		fmt.Fprintf(out, "%d", 2+g.r.IntN(38))
		return
	case "BIG":
		fmt.Fprintf(out, "%d", 100+g.r.IntN(4900))
		return
	case "PCT":
		fmt.Fprintf(out, "%d", 5+g.r.IntN(86))
		return
	case "Y":
		fmt.Fprintf(out, "%d", 2012+g.r.IntN(14))
		return
	case "ADV":
		out.WriteString(adverbs[g.L.advZ.pick(g.r)])
		return
	case "CMP":
		out.WriteString(comparatives[g.L.cmpZ.pick(g.r)])
		return
	case "B":
		out.WriteString("**")
		return
	case "/B":
		out.WriteString("**")
		return
	case "LINK":
		a := areas[g.d.areas[0]]
		switch g.r.IntN(3) {
		case 0:
			fmt.Fprintf(out, "[%s](https://example.org/omraden/%s)", g.nounForm('R', "d", false), a.id)
		case 1:
			fmt.Fprintf(out, "[rapporten om %s](https://example.org/rapporter/%d)", a.name, g.r.IntN(100000))
		default:
			fmt.Fprintf(out, "[%s webbplats](https://example.org/kommun/%s)", genitive(g.d.kommun), slugify(g.d.kommun))
		}
		return
	}
	parts := strings.Split(s, ".")
	switch {
	case parts[0] == "V":
		v := g.L.verbs[g.L.verbZ.pick(g.r)]
		switch parts[1] {
		case "inf":
			out.WriteString(v.inf)
		case "pres":
			out.WriteString(v.pres)
		case "past":
			out.WriteString(v.past)
		case "sup":
			out.WriteString(v.sup)
		case "pinf":
			out.WriteString(v.pinf)
		case "ppres":
			out.WriteString(v.ppres)
		}
	case parts[0] == "J":
		w := g.nounForm(parts[1][0], parts[2], true)
		if g.r.IntN(40) == 0 {
			w = "*" + w + "*"
		}
		out.WriteString(w)
	default:
		w := g.nounForm(parts[0][0], parts[1], false)
		if g.r.IntN(60) == 0 {
			w = "**" + w + "**"
		}
		out.WriteString(w)
	}
}

func capFirst(s string) string {
	// skip leading markup/dash
	i := 0
	for i < len(s) && (s[i] == '*' || s[i] == '[' || s[i] == ' ' || s[i] == '-') {
		i++
	}
	if strings.HasPrefix(s[i:], "– ") {
		i += len("– ")
	}
	if i >= len(s) {
		return s
	}
	r, n := utf8.DecodeRuneInString(s[i:])
	if unicode.IsUpper(r) {
		return s
	}
	return s[:i] + string(unicode.ToUpper(r)) + s[i+n:]
}

func (g *gen) expand(t []tok) string {
	var sb strings.Builder
	for _, k := range t {
		if k.slot == "" {
			sb.WriteString(k.lit)
		} else {
			g.slot(k.slot, &sb)
		}
	}
	return capFirst(sb.String())
}

func (g *gen) sentence() string {
	if g.r.Float64() < 0.33 {
		return g.expand(g.L.topical[g.L.topZ.pick(g.r)])
	}
	return g.expand(g.L.generic[g.L.genZ.pick(g.r)])
}

func countWords(s string) int { return len(strings.Fields(s)) }

func (g *gen) paragraph() {
	n := 3 + g.r.IntN(4)
	for i := 0; i < n; i++ {
		s := g.sentence()
		if i > 0 {
			g.b.WriteByte(' ')
		}
		g.b.WriteString(s)
		g.w += countWords(s)
	}
	g.b.WriteString("\n\n")
}

func (g *gen) bulletList() {
	n := 3 + g.r.IntN(4)
	for i := 0; i < n; i++ {
		s := g.expand(g.L.bullets[g.r.IntN(len(g.L.bullets))])
		if g.r.IntN(4) == 0 {
			s += ". " + g.sentence()
		}
		g.b.WriteString("- ")
		g.b.WriteString(s)
		g.b.WriteByte('\n')
		g.w += countWords(s)
	}
	g.b.WriteByte('\n')
}

func (g *gen) table() {
	g.b.WriteString("| Mått | Före | Efter |\n|---|---:|---:|\n")
	idx := g.r.Perm(len(metrics))[:3+g.r.IntN(3)]
	for _, i := range idx {
		before := 10 + g.r.IntN(500)
		after := before * (40 + g.r.IntN(90)) / 100
		fmt.Fprintf(&g.b, "| %s | %d | %d |\n", metrics[i], before, after)
		g.w += countWords(metrics[i]) + 2
	}
	g.b.WriteByte('\n')
}

func (g *gen) section(title string, words int, extra func()) {
	g.b.WriteString("## ")
	g.b.WriteString(title)
	g.b.WriteString("\n\n")
	start := g.w
	g.paragraph()
	if extra != nil {
		extra()
	}
	for g.w-start < words {
		g.paragraph()
	}
}

func (g *gen) body() string {
	d := g.d
	nOpt := 0
	if d.target > 600 {
		nOpt = 1 + g.r.IntN(3)
	}
	opt := g.r.Perm(len(sectionsOptional))[:nOpt]
	per := d.target / (5 + nOpt)
	// lead paragraph
	g.paragraph()
	g.section("Bakgrund", per, nil)
	g.section("Genomförande", per, g.bulletList)
	g.section("Resultat", per, func() {
		if g.r.IntN(3) == 0 {
			g.table()
		}
	})
	for _, i := range opt {
		var extra func()
		if g.r.IntN(3) == 0 {
			extra = g.bulletList
		}
		g.section(sectionsOptional[i], per, extra)
	}
	g.b.WriteString("## Lärdomar\n\n")
	g.bulletList()
	g.paragraph()
	for g.w < d.target {
		g.paragraph()
	}
	return g.b.String()
}

var slugRepl = strings.NewReplacer("å", "a", "ä", "a", "ö", "o", "é", "e", "Å", "a", "Ä", "a", "Ö", "o")

func slugify(s string) string {
	s = slugRepl.Replace(strings.ToLower(s))
	var b strings.Builder
	dash := false
	for _, r := range s {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimRight(b.String(), "-")
}

func upFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

func (L *lexicon) meta(seed uint64, i int) *doc {
	r := rand.New(rand.NewPCG(seed, uint64(i)*2+1))
	d := &doc{idx: i}
	d.kommun = L.municips[L.kommZ.pick(r)]
	na := 1 + weighted(r, []float64{45, 40, 15})
	seen := map[int]bool{}
	for len(d.areas) < na {
		a := L.areaZ.pick(r)
		if !seen[a] {
			seen[a] = true
			d.areas = append(d.areas, a)
		}
	}
	no := 1 + weighted(r, []float64{55, 35, 10})
	so := map[string]bool{}
	for len(d.orgs) < no {
		o := organisations[L.orgZ.pick(r)]
		if !so[o] {
			so[o] = true
			d.orgs = append(d.orgs, o)
		}
	}
	d.status = statuses[weighted(r, statusWeights)]
	d.started = 2012 + r.IntN(13)
	py := d.started + r.IntN(2026-d.started)
	if py > 2025 {
		py = 2025
	}
	d.published = fmt.Sprintf("%04d-%02d-%02d", py, 1+r.IntN(12), 1+r.IntN(28))
	nt := 2 + r.IntN(4)
	st := map[string]bool{}
	for len(d.tags) < nt {
		t := tags[L.tagZ.pick(r)]
		if !st[t] {
			st[t] = true
			d.tags = append(d.tags, t)
		}
	}
	a0 := areas[d.areas[0]]
	setting := settings[r.IntN(len(settings))]
	switch r.IntN(10) {
	case 0:
		d.title = fmt.Sprintf("%s i %s i %s", upFirst(a0.name), setting, d.kommun)
	case 1:
		d.title = fmt.Sprintf("%s inför %s i %s", d.kommun, a0.name, setting)
	case 2:
		d.title = fmt.Sprintf("Så använder %s %s i %s", d.kommun, a0.name, setting)
	case 3:
		d.title = fmt.Sprintf("%s ger %s i %s", upFirst(a0.name), benefits[r.IntN(len(benefits))], d.kommun)
	case 4:
		d.title = fmt.Sprintf("Erfarenheter av %s från %s", a0.name, d.kommun)
	case 5:
		d.title = fmt.Sprintf("%s testar %s för %s", d.kommun, a0.name, benefits[r.IntN(len(benefits))])
	case 6:
		d.title = fmt.Sprintf("Pilotprojekt med %s i %s", a0.name, d.kommun)
	case 7:
		if len(d.areas) > 1 {
			d.title = fmt.Sprintf("%s och %s i %s äldreomsorg", upFirst(a0.name), areas[d.areas[1]].name, genitive(d.kommun))
		} else {
			d.title = fmt.Sprintf("%s i %s äldreomsorg", upFirst(a0.name), genitive(d.kommun))
		}
	case 8:
		d.title = fmt.Sprintf("%s skalar upp %s", d.kommun, a0.name)
	default:
		d.title = fmt.Sprintf("Utvärdering av %s i %s %s", a0.name, genitive(d.kommun), setting)
	}
	if d.title == "" {
		d.title = a0.name
	}
	switch r.IntN(4) {
	case 0:
		d.summary = fmt.Sprintf("%s har infört %s i %s för att ge %s. Erfarenheterna är i huvudsak positiva.", d.kommun, a0.name, setting, benefits[r.IntN(len(benefits))])
	case 1:
		d.summary = fmt.Sprintf("Här beskrivs hur %s arbetat med %s och vad det har gett brukare och personal.", d.kommun, a0.name)
	case 2:
		d.summary = fmt.Sprintf("En fallstudie om %s i %s, med fokus på %s.", a0.name, setting, benefits[r.IntN(len(benefits))])
	default:
		d.summary = fmt.Sprintf("%s i %s: bakgrund, genomförande, resultat och lärdomar.", upFirst(a0.name), d.kommun)
	}
	ns := 1 + r.IntN(3)
	for k := 0; k < ns; k++ {
		pub := publishers[L.pubZ.pick(r)]
		var t string
		switch (r.IntN(4) + k) % 4 {
		case 0:
			t = fmt.Sprintf("Nyhet om %s i %s", a0.name, d.kommun)
		case 1:
			t = fmt.Sprintf("Rapport: %s i äldreomsorgen", a0.name)
		case 2:
			t = fmt.Sprintf("Utvärdering av %s", areas[d.areas[r.IntN(len(d.areas))]].name)
		default:
			t = fmt.Sprintf("Reportage från %s", d.kommun)
		}
		d.sources = append(d.sources, [3]string{t, fmt.Sprintf("https://example.org/%s/%d", slugify(pub), r.IntN(1000000)), pub})
	}
	u := r.Float64()
	d.target = 300 + int(1200*math.Pow(u, 1.3))
	return d
}

func yamlList(xs []string, quote bool) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		if quote {
			parts[i] = `"` + x + `"`
		} else {
			parts[i] = x
		}
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

func yamlScalar(s string) string {
	// municipality names are plain words; quote those with spaces or dashes to be safe
	if strings.ContainsAny(s, " -:") {
		return `"` + s + `"`
	}
	return s
}

func render(L *lexicon, seed uint64, d *doc) []byte {
	g := &gen{L: L, r: rand.New(rand.NewPCG(seed^0x9e3779b97f4a7c15, uint64(d.idx))), d: d}
	body := g.body()
	var b strings.Builder
	b.Grow(len(body) + 1024)
	b.WriteString("---\n")
	fmt.Fprintf(&b, "title: %q\n", d.title)
	fmt.Fprintf(&b, "summary: %q\n", d.summary)
	fmt.Fprintf(&b, "municipality: %s\n", yamlScalar(d.kommun))
	fmt.Fprintf(&b, "organisations: %s\n", yamlList(d.orgs, true))
	ids := make([]string, len(d.areas))
	for i, a := range d.areas {
		ids[i] = areas[a].id
	}
	fmt.Fprintf(&b, "areas: %s\n", yamlList(ids, false))
	fmt.Fprintf(&b, "status: %s\n", d.status)
	fmt.Fprintf(&b, "started: %d\n", d.started)
	fmt.Fprintf(&b, "published: %s\n", d.published)
	fmt.Fprintf(&b, "tags: %s\n", yamlList(d.tags, false))
	b.WriteString("sources:\n")
	for _, s := range d.sources {
		fmt.Fprintf(&b, "  - title: %q\n    url: %s\n    publisher: %s\n", s[0], s[1], yamlScalar(s[2]))
	}
	b.WriteString("---\n\n")
	b.WriteString(body)
	return []byte(b.String())
}

func vocabulary(L *lexicon) []string {
	set := map[string]bool{}
	add := func(s string) {
		for _, w := range strings.Fields(s) {
			w = strings.Trim(w, ".,:;()[]*\"–-")
			if w != "" {
				set[strings.ToLower(w)] = true
			}
		}
	}
	for _, c := range []byte("POTAR") {
		for _, n := range L.cats[c] {
			add(n.sg + " " + n.def + " " + n.pl + " " + n.pldef + " " + n.gen + " " + n.pgen)
		}
	}
	for _, v := range L.verbs {
		add(v.inf + " " + v.pres + " " + v.past + " " + v.sup + " " + v.pinf + " " + v.ppres)
	}
	for _, a := range L.adjs {
		add(a.en + " " + a.ett + " " + a.def)
	}
	add(strings.Join(comparatives, " "))
	add(strings.Join(adverbs, " "))
	for _, a := range areas {
		add(a.name + " " + strings.Join(a.terms, " "))
	}
	for _, ts := range [][]string{generic, topical, bulletsGeneric, metrics, settings, benefits} {
		for _, t := range ts {
			for _, k := range parseTemplate(t) {
				add(k.lit)
			}
		}
	}
	out := make([]string, 0, len(set))
	for w := range set {
		out = append(out, w)
	}
	sort.Strings(out)
	return out
}

func main() {
	n := flag.Int("n", 1000, "number of documents")
	out := flag.String("out", "", "output directory (DIR/fallstudier/*.md is written)")
	seed := flag.Uint64("seed", 1, "random seed")
	vocab := flag.Bool("vocab", false, "print the vocabulary (one word a line, then its size) and exit")
	stats := flag.Bool("stats", false, "print corpus statistics (words, distinct tokens, top tokens) after writing")
	flag.Parse()
	L := buildLexicon(*seed)
	if *vocab {
		v := vocabulary(L)
		for _, w := range v {
			fmt.Println(w)
		}
		fmt.Fprintf(os.Stderr, "vocabulary: %d distinct words (+%d municipalities)\n", len(v), len(municipalities))
		return
	}
	if *out == "" {
		fmt.Fprintln(os.Stderr, "need -out DIR")
		os.Exit(2)
	}
	dir := filepath.Join(*out, "fallstudier")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	docs := make([]*doc, *n)
	used := map[string]int{}
	for i := 0; i < *n; i++ {
		d := L.meta(*seed, i)
		s := slugify(d.title)
		used[s]++
		if used[s] > 1 {
			s = fmt.Sprintf("%s-%d", s, used[s])
		}
		d.slug = s
		docs[i] = d
	}
	var wg sync.WaitGroup
	ch := make(chan *doc, 64)
	type st struct {
		words  int
		counts map[string]int
	}
	results := make([]st, runtime.NumCPU())
	for w := range results {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			if *stats {
				results[w].counts = map[string]int{}
			}
			for d := range ch {
				data := render(L, *seed, d)
				if err := os.WriteFile(filepath.Join(dir, d.slug+".md"), data, 0o644); err != nil {
					fmt.Fprintln(os.Stderr, err)
					os.Exit(1)
				}
				if *stats {
					parts := strings.SplitN(string(data), "---\n", 3)
					for _, f := range strings.FieldsFunc(parts[2], func(r rune) bool { return !unicode.IsLetter(r) && r != '-' }) {
						f = strings.ToLower(strings.Trim(f, "-"))
						if f != "" {
							results[w].counts[f]++
							results[w].words++
						}
					}
				}
			}
		}(w)
	}
	for _, d := range docs {
		ch <- d
	}
	close(ch)
	wg.Wait()
	if *stats {
		total := map[string]int{}
		words := 0
		for _, r := range results {
			words += r.words
			for k, v := range r.counts {
				total[k] += v
			}
		}
		type kv struct {
			k string
			v int
		}
		var kvs []kv
		for k, v := range total {
			kvs = append(kvs, kv{k, v})
		}
		sort.Slice(kvs, func(i, j int) bool { return kvs[i].v > kvs[j].v || kvs[i].v == kvs[j].v && kvs[i].k < kvs[j].k })
		fmt.Printf("docs %d, body words %d (avg %d), distinct tokens %d\n", *n, words, words / *n, len(kvs))
		for i := 0; i < 30 && i < len(kvs); i++ {
			fmt.Printf("  %-22s %d\n", kvs[i].k, kvs[i].v)
		}
		for _, rank := range []int{100, 300, 1000, 1500} {
			if rank < len(kvs) {
				fmt.Printf("  rank %d: %s %d\n", rank, kvs[rank].k, kvs[rank].v)
			}
		}
	}
}
