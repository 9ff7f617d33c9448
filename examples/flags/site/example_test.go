package site_test

import (
	"fmt"
	"image/gif"
	"net/http"
	"net/http/httptest"

	"github.com/tulipgo/tulip/examples/flags/site"
)

// The site is an http.Handler: here asked directly, with no server.
func Example() {
	s, err := site.New(site.Local())
	if err != nil {
		panic(err)
	}
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/flags/gb/metadata.json", nil))
	fmt.Println(rec.Code, rec.Header().Get("Content-Type"))
	fmt.Println(rec.Body)
	// Output:
	// 200 application/json
	// {"tld_cc": ".uk", "iso_cc": "GB", "country": "United Kingdom", "gec_cc": "UK"}
}

// Serving the site on a loopback port, as the downloaders do by default.
func ExampleSite_Listen() {
	s, _ := site.New(site.Local())
	srv, err := s.Listen("127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	defer srv.Close()
	tr := &http.Transport{}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr}
	for _, path := range []string{"/br/br.gif", "/zz/zz.gif"} {
		resp, err := client.Get(srv.URL + path)
		if err != nil {
			panic(err)
		}
		if resp.StatusCode == http.StatusOK {
			img, _ := gif.Decode(resp.Body)
			fmt.Println(path, resp.Status, resp.Header.Get("Content-Type"), img.Bounds().Size())
		} else {
			fmt.Println(path, resp.Status)
		}
		resp.Body.Close()
	}
	// Output:
	// /br/br.gif 200 OK image/gif (120,80)
	// /zz/zz.gif 404 Not Found
}

func ExampleCountries() {
	for _, c := range site.Countries()[:3] {
		fmt.Printf("%s %s %s %q\n", c.ISO, c.GEC, c.TLD, c.Name)
	}
	fmt.Println(len(site.Codes()), "countries")
	// Output:
	// AD AN .ad "Andorra"
	// AE AE .ae "United Arab Emirates"
	// AF AF .af "Afghanistan"
	// 194 countries
}
