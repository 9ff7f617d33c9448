package site

import "strings"

// Country is one entry of the site's metadata.json, with the book's keys.
type Country struct {
	TLD     string `json:"tld_cc"`  // Internet country-code top-level domain, with its dot: ".br"
	ISO     string `json:"iso_cc"`  // ISO 3166-1 alpha-2 code: "BR"
	Name    string `json:"country"` // short English name: "Brazil"
	GEC     string `json:"gec_cc"`  // FIPS 10-4 / Geopolitical Entities and Codes: "BR"
	ordinal int    // position in the sorted table, for the generated flag
}

// countryTable holds the 194 countries of the book's data set, sorted by ISO
// code, as "ISO GEC Name". Written from public facts: ISO 3166-1 short names
// (in their common English form) and the GEC codes of the CIA World Factbook.
// The TLD is the lower-case ISO code, except for the United Kingdom (.uk).
const countryTable = `AD AN Andorra
AE AE United Arab Emirates
AF AF Afghanistan
AG AC Antigua and Barbuda
AL AL Albania
AM AM Armenia
AO AO Angola
AR AR Argentina
AT AU Austria
AU AS Australia
AZ AJ Azerbaijan
BA BK Bosnia and Herzegovina
BB BB Barbados
BD BG Bangladesh
BE BE Belgium
BF UV Burkina Faso
BG BU Bulgaria
BH BA Bahrain
BI BY Burundi
BJ BN Benin
BN BX Brunei
BO BL Bolivia
BR BR Brazil
BS BF Bahamas
BT BT Bhutan
BW BC Botswana
BY BO Belarus
BZ BH Belize
CA CA Canada
CD CG Congo (Kinshasa)
CF CT Central African Republic
CG CF Congo (Brazzaville)
CH SZ Switzerland
CI IV Cote d'Ivoire
CL CI Chile
CM CM Cameroon
CN CH China
CO CO Colombia
CR CS Costa Rica
CU CU Cuba
CV CV Cabo Verde
CY CY Cyprus
CZ EZ Czechia
DE GM Germany
DJ DJ Djibouti
DK DA Denmark
DM DO Dominica
DZ AG Algeria
EC EC Ecuador
EE EN Estonia
EG EG Egypt
ER ER Eritrea
ES SP Spain
ET ET Ethiopia
FI FI Finland
FJ FJ Fiji
FM FM Micronesia
FR FR France
GA GB Gabon
GB UK United Kingdom
GD GJ Grenada
GE GG Georgia
GH GH Ghana
GM GA Gambia
GN GV Guinea
GQ EK Equatorial Guinea
GR GR Greece
GT GT Guatemala
GW PU Guinea-Bissau
GY GY Guyana
HN HO Honduras
HR HR Croatia
HT HA Haiti
HU HU Hungary
ID ID Indonesia
IE EI Ireland
IL IS Israel
IN IN India
IQ IZ Iraq
IR IR Iran
IS IC Iceland
IT IT Italy
JM JM Jamaica
JO JO Jordan
JP JA Japan
KE KE Kenya
KG KG Kyrgyzstan
KH CB Cambodia
KI KR Kiribati
KM CN Comoros
KN SC Saint Kitts and Nevis
KP KN North Korea
KR KS South Korea
KW KU Kuwait
KZ KZ Kazakhstan
LA LA Laos
LB LE Lebanon
LC ST Saint Lucia
LI LS Liechtenstein
LK CE Sri Lanka
LR LI Liberia
LS LT Lesotho
LT LH Lithuania
LU LU Luxembourg
LV LG Latvia
LY LY Libya
MA MO Morocco
MC MN Monaco
MD MD Moldova
ME MJ Montenegro
MG MA Madagascar
MH RM Marshall Islands
MK MK North Macedonia
ML ML Mali
MM BM Myanmar
MN MG Mongolia
MR MR Mauritania
MT MT Malta
MU MP Mauritius
MV MV Maldives
MW MI Malawi
MX MX Mexico
MY MY Malaysia
MZ MZ Mozambique
NA WA Namibia
NE NG Niger
NG NI Nigeria
NI NU Nicaragua
NL NL Netherlands
NO NO Norway
NP NP Nepal
NR NR Nauru
NZ NZ New Zealand
OM MU Oman
PA PM Panama
PE PE Peru
PG PP Papua New Guinea
PH RP Philippines
PK PK Pakistan
PL PL Poland
PT PO Portugal
PW PS Palau
PY PA Paraguay
QA QA Qatar
RO RO Romania
RS RI Serbia
RU RS Russia
RW RW Rwanda
SA SA Saudi Arabia
SB BP Solomon Islands
SC SE Seychelles
SD SU Sudan
SE SW Sweden
SG SN Singapore
SI SI Slovenia
SK LO Slovakia
SL SL Sierra Leone
SM SM San Marino
SN SG Senegal
SO SO Somalia
SR NS Suriname
SS OD South Sudan
ST TP Sao Tome and Principe
SV ES El Salvador
SY SY Syria
SZ WZ Eswatini
TD CD Chad
TG TO Togo
TH TH Thailand
TJ TI Tajikistan
TL TT Timor-Leste
TM TX Turkmenistan
TN TS Tunisia
TO TN Tonga
TR TU Turkey
TT TD Trinidad and Tobago
TV TV Tuvalu
TW TW Taiwan
TZ TZ Tanzania
UA UP Ukraine
UG UG Uganda
US US United States
UY UY Uruguay
UZ UZ Uzbekistan
VA VT Holy See
VC VC Saint Vincent and the Grenadines
VE VE Venezuela
VN VM Vietnam
VU NH Vanuatu
WS WS Samoa
YE YM Yemen
ZA SF South Africa
ZM ZA Zambia
ZW ZI Zimbabwe`

// Countries returns the 194 countries of the data set, sorted by ISO code.
// Each call builds a fresh slice (the caller may keep or change it).
func Countries() []Country {
	lines := strings.Split(countryTable, "\n")
	cs := make([]Country, 0, len(lines))
	for i, line := range lines {
		iso, rest, _ := strings.Cut(line, " ")
		gec, name, _ := strings.Cut(rest, " ")
		tld := "." + strings.ToLower(iso)
		if iso == "GB" {
			tld = ".uk"
		}
		cs = append(cs, Country{TLD: tld, ISO: iso, Name: name, GEC: gec, ordinal: i})
	}
	return cs
}

// Codes returns the 194 ISO codes of the data set, upper case and sorted: the
// book's country_codes.txt.
func Codes() []string {
	cs := Countries()
	codes := make([]string, len(cs))
	for i, c := range cs {
		codes[i] = c.ISO
	}
	return codes
}
