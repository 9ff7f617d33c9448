package index

// Hangul syllable composition, the Unicode Standard's section 3.12
// ("Conjoining Jamo Behavior") and its name rule NR1.
const (
	hangulBase   = 0xAC00
	hangulLCount = 19
	hangulVCount = 21
	hangulTCount = 28
	hangulNCount = hangulVCount * hangulTCount
	hangulCount  = hangulLCount * hangulNCount // 11,172 syllables
)

// The Jamo_Short_Name values of the leading consonants, vowels and trailing
// consonants (Jamo.txt), in composition order.
var (
	jamoL = [hangulLCount]string{"G", "GG", "N", "D", "DD", "R", "M", "B", "BB",
		"S", "SS", "", "J", "JJ", "C", "K", "T", "P", "H"}
	jamoV = [hangulVCount]string{"A", "AE", "YA", "YAE", "EO", "E", "YEO", "YE",
		"O", "WA", "WAE", "OE", "YO", "U", "WEO", "WE", "WI", "YU", "EU", "YI", "I"}
	jamoT = [hangulTCount]string{"", "G", "GG", "GS", "N", "NJ", "NH", "D", "L",
		"LG", "LM", "LB", "LS", "LT", "LP", "LH", "M", "B", "BS", "S", "SS", "NG",
		"J", "C", "K", "T", "P", "H"}
)

// isHangulSyllable reports whether r is a precomposed Hangul syllable.
func isHangulSyllable(r rune) bool {
	return r >= hangulBase && r < hangulBase+hangulCount
}

// appendHangulShort appends the syllable's short name ("GA" for U+AC00, "HIH"
// for U+D7A3) to b. r must be a Hangul syllable.
func appendHangulShort(b []byte, r rune) []byte {
	s := int(r - hangulBase)
	b = append(b, jamoL[s/hangulNCount]...)
	b = append(b, jamoV[(s%hangulNCount)/hangulTCount]...)
	return append(b, jamoT[s%hangulTCount]...)
}
