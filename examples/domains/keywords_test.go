package domains_test

import (
	"fmt"
	"go/token"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tulipgo/tulip/examples/domains"
)

func TestGoKeywords(t *testing.T) {
	all := domains.GoKeywords(100)
	require.Len(t, all, 25, "Go has 25 keywords")
	for _, kw := range all {
		require.True(t, token.IsKeyword(kw), kw)
	}
	require.Empty(t, domains.GoKeywords(1))
}

func ExampleGoKeywords() {
	fmt.Println(domains.GoKeywords(4))
	// Output:
	// [case chan else for func go goto if map type var]
}
