package ascompleted_test

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/tulipgo/tulip/ascompleted"
	"github.com/tulipgo/tulip/future"
)

// The blogdom loop: probe names concurrently and print each result as soon as
// it arrives. (The probe here is a stand-in; the domains example does real
// DNS lookups.)
func ExampleOf() {
	ctx := context.Background()
	probe := func(name string, delay time.Duration, found bool) *future.Future[bool] {
		return future.Go(ctx, func(ctx context.Context) (bool, error) {
			time.Sleep(delay)
			return found, nil
		})
	}
	names := map[*future.Future[bool]]string{}
	for _, p := range []struct {
		name  string
		delay time.Duration
		found bool
	}{{"def.dev", 300 * time.Millisecond, true}, {"and.dev", 0, false}, {"or.dev", 150 * time.Millisecond, true}} {
		names[probe(p.name, p.delay, p.found)] = p.name
	}

	for f, err := range ascompleted.Of(ctx, slices.Collect(maps.Keys(names))...) {
		if err != nil {
			fmt.Println(err)
			break
		}
		found, _ := f.TryResult()
		if found {
			fmt.Println("+", names[f])
		} else {
			fmt.Println(" ", names[f])
		}
	}
	// Output:
	//   and.dev
	// + or.dev
	// + def.dev
}

// A deadline stops the iteration with an error saying what is unfinished; the
// futures keep running.
func ExampleOf_deadline() {
	never := future.New[int]()
	done := future.New[int]()
	_ = done.SetResult(1)

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	for f, err := range ascompleted.Of(ctx, done, never) {
		if err != nil {
			fmt.Println(err)
			break
		}
		fmt.Println("done:", f)
	}
	fmt.Println(never.State())
	// Output:
	// done: <Future finished result=1>
	// 1 (of 2) futures unfinished: context deadline exceeded
	// pending
}

// A crawler feeds new fetches as pages arrive. The loop ends by itself once
// no fetch is pending after the body added what it found: no Close needed.
func ExampleFeed() {
	ctx := context.Background()
	site := map[string][]string{ // page → links
		"/":      {"/a", "/b"},
		"/a":     {"/a/1"},
		"/b":     {"/a"}, // already seen
		"/a/1":   nil,
		"unused": nil,
	}
	fetch := func(path string) *future.Future[string] {
		return future.Go(ctx, func(context.Context) (string, error) { return path, nil })
	}

	seen := map[string]bool{"/": true}
	feed := ascompleted.NewFeed(fetch("/"))
	var crawled []string
	for f, err := range feed.All(ctx) {
		if err != nil {
			fmt.Println(err)
			break
		}
		page, _ := f.TryResult()
		crawled = append(crawled, page)
		for _, link := range site[page] {
			if !seen[link] {
				seen[link] = true
				_ = feed.Add(fetch(link))
			}
		}
	}
	slices.Sort(crawled)
	fmt.Println(strings.Join(crawled, " "))
	// Output:
	// / /a /a/1 /b
}
