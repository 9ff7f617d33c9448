package domains

import (
	"go/token"
	"slices"
)

// GoKeywords returns Go's keywords of at most maxLen letters, sorted: the
// names blogdom and domaincheck probe (the book uses Python's keyword.kwlist).
// GoKeywords(4) is case, chan, else, for, func, go, goto, if, map, type, var.
func GoKeywords(maxLen int) []string {
	var kws []string
	for tok := token.BREAK; tok <= token.VAR; tok++ {
		if s := tok.String(); tok.IsKeyword() && len(s) <= maxLen {
			kws = append(kws, s)
		}
	}
	slices.Sort(kws)
	return kws
}
