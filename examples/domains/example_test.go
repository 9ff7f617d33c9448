package domains_test

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/tulipgo/tulip/examples/domains"
	"github.com/tulipgo/tulip/examples/domains/internal/dnstest"
)

// Probe against a DNS server on loopback that knows go.dev: a name that
// resolves, and one the server says does not exist (not an error).
func ExampleProbe() {
	srv, err := dnstest.New(dnstest.Zone{Found: []string{"go.dev"}})
	if err != nil {
		panic(err)
	}
	defer srv.Close()
	resolver := domains.WithServer(srv.Addr)

	ctx := context.Background()
	fmt.Printf("%+v\n", domains.Probe(ctx, "go.dev", resolver))
	fmt.Printf("%+v\n", domains.Probe(ctx, "nope.dev", resolver))
	// Output:
	// {Domain:go.dev Found:true Err:<nil>}
	// {Domain:nope.dev Found:false Err:<nil>}
}

// MultiProbe yields in completion order: the name whose server never answers
// comes last, when its lookup times out.
func ExampleMultiProbe() {
	srv, err := dnstest.New(dnstest.Zone{Found: []string{"go.dev", "map.dev"}, Slow: []string{"goto.dev"}})
	if err != nil {
		panic(err)
	}
	defer srv.Close()

	names := []string{"goto.dev", "go.dev", "if.dev", "map.dev"}
	var answered []string
	for r, err := range domains.MultiProbe(context.Background(), names,
		domains.WithServer(srv.Addr), domains.WithTimeout(200*time.Millisecond)) {
		if err != nil {
			panic(err)
		}
		if r.Err != nil {
			fmt.Println(slices.Sorted(slices.Values(answered))) // these came in any order
			fmt.Println("last:", r.Domain, r.Err)
			continue
		}
		answered = append(answered, fmt.Sprint(r.Domain, " ", r.Found))
	}
	// Output:
	// [go.dev true if.dev false map.dev true]
	// last: goto.dev lookup goto.dev: context deadline exceeded
}
